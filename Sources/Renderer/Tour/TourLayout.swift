import Geometry

/// Where a tour frame's overlays sit, on top of the frame's `FrameLayout`: the chapter
/// title top-left (the layout's title rectangle, as wide as the widest chapter title, so the
/// network may rise beside it as in an orbit), the caption as a lower-third panel in the
/// bottom band the layout keeps free of the network, the neuron panel on the right, and the
/// prediction panel bottom-right when shown. Sizes are designed for 1080 rows.
public struct TourLayout: Sendable, Equatable {
    public let frame: FrameLayout
    /// The widest the caption panel may be, and its bottom edge.
    public let captionBand: ScreenRect
    /// The caption band when the prediction panel is shown (it ends left of the panel).
    public let captionBandBesidePrediction: ScreenRect
    /// The neuron panel.
    public let neuronPanel: ScreenRect
    /// Where the camera frames a neuron shot's layers: the free area left of the panel.
    public let neuronFree: ScreenRect
    /// Where an opened layer's maps fan out: the free area below the chapter title.
    public let openArea: ScreenRect
    /// Caption type size and line height.
    public let captionSize: Double
    public let captionLineHeight: Double
    /// Lines a caption may wrap to.
    public static let captionLines = 3

    /// The tour layout over `frame`.
    public init(frame: FrameLayout) {
        self.frame = frame
        let s = frame.scale, w = frame.width, h = frame.height
        captionSize = 25 * s
        captionLineHeight = 34 * s
        let bandHeight = 34 * s * Double(Self.captionLines) + 40 * s
        let bandBottom = h - 28 * s
        let bandWidth = min(w - 128 * s, 1280 * s)
        captionBand = ScreenRect(x: (w - bandWidth) / 2, y: bandBottom - bandHeight, width: bandWidth, height: bandHeight)
        let predictionLeft = frame.prediction?.x ?? (w - 64 * s - 440 * s)
        let besideWidth = max(200 * s, predictionLeft - 24 * s - 64 * s)
        captionBandBesidePrediction = ScreenRect(x: 64 * s, y: bandBottom - bandHeight, width: besideWidth, height: bandHeight)
        let panelWidth = min(560 * s, w * 0.46)
        let top = frame.free.y
        neuronPanel = ScreenRect(x: w - 64 * s - panelWidth, y: top, width: panelWidth, height: max(100, captionBand.y - 16 * s - top))
        neuronFree = ScreenRect(
            x: frame.free.x, y: frame.free.y, width: max(100, neuronPanel.x - 24 * s - frame.free.x),
            height: frame.free.height)
        let openTop = max(frame.free.y, (frame.title?.maxY ?? 0) + frame.clearance)
        openArea = ScreenRect(
            x: frame.free.x, y: openTop, width: frame.free.width, height: max(100, frame.free.maxY - openTop))
    }

    /// The framing frame of the whole free area (clear of the measured title and the panels).
    public var framing: PoseFraming.Frame {
        PoseFraming.Frame(width: Int(frame.width), height: Int(frame.height), free: frame.free, keepOut: frame.keepOut)
    }

    /// The framing frame of a neuron shot: left of the neuron panel.
    public var neuronFraming: PoseFraming.Frame {
        PoseFraming.Frame(width: Int(frame.width), height: Int(frame.height), free: neuronFree, keepOut: frame.keepOut)
    }
}

import Geometry

/// Where a replay frame's own panels sit, around the frame renderer's overlays (title
/// top-left, legend bottom-left, prediction panel bottom-right): the drawing canvas with the
/// forming 28×28 input strip in a column above the prediction panel, a timeline along the
/// bottom between the legend and the prediction panel, and the area left for the network.
/// Sizes are designed for 1080 rows and scaled like `FrameLayout`.
public struct ReplayLayout: Sendable, Equatable {
    /// The frame renderer's layout this one fits around.
    public let frame: FrameLayout
    /// The canvas panel (header, drawing, input strip).
    public let canvasPanel: ScreenRect
    /// Inside the canvas panel: the box the drawing is fitted into.
    public let drawingBox: ScreenRect
    /// Inside the canvas panel: the row of 28×28 snapshots.
    public let strip: ScreenRect
    /// The timeline track (a thin bar; marks and labels go above and below it).
    public let timeline: ScreenRect
    /// Where the network is framed.
    public let networkArea: ScreenRect
    /// Snapshots in the strip.
    public static let stripCount = 6

    /// The layout around `frame`.
    public init(frame: FrameLayout) {
        self.frame = frame
        let s = frame.scale
        let columnWidth = 440 * s
        let columnX = frame.width - 64 * s - columnWidth
        let bottom = (frame.prediction?.y ?? frame.height - 56 * s) - 16 * s
        let top = 48 * s
        canvasPanel = ScreenRect(x: columnX, y: top, width: columnWidth, height: max(120 * s, bottom - top))
        let inner = 24 * s
        let stripHeight = 100 * s
        strip = ScreenRect(
            x: columnX + inner, y: canvasPanel.maxY - stripHeight - 8 * s, width: columnWidth - 2 * inner, height: stripHeight)
        let drawingTop = top + 54 * s
        drawingBox = ScreenRect(
            x: columnX + inner, y: drawingTop, width: columnWidth - 2 * inner, height: max(40 * s, strip.y - 16 * s - drawingTop))
        let legendRight = (frame.legend?.maxX ?? 0) + 48 * s
        let timelineRight = (frame.prediction?.x ?? frame.width - 64 * s) - 48 * s
        timeline = ScreenRect(x: legendRight, y: frame.height - 100 * s, width: max(40 * s, timelineRight - legendRight), height: 6 * s)
        // The output column's digit labels and caption reach about 70 px right of its nodes.
        networkArea = ScreenRect(
            x: frame.free.x, y: frame.free.y, width: max(40 * s, columnX - 94 * s - frame.free.x), height: frame.free.height)
    }

    /// Overlays the network must stay clear of.
    public var keepOut: [ScreenRect] { frame.keepOut + [canvasPanel.outset(by: frame.clearance)] }
}

import CairoGraphics

/// One point of a pen stroke in canvas pixels (x right, y down), with the time it was drawn
/// in seconds from the start of the drawing (nil in an untimed file).
public struct StrokeSample: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var t: Double?

    public init(_ x: Double, _ y: Double, t: Double? = nil) {
        self.x = x
        self.y = y
        self.t = t
    }
}

/// One pen-down stroke: its points in drawing order, and optionally its own pen width and
/// ink (otherwise the drawing's).
public struct Stroke: Sendable, Equatable {
    public var points: [StrokeSample]
    /// Pen width in canvas pixels for this stroke only, or nil for the drawing's `pen`.
    public var pen: Double?
    /// Ink for this stroke only, or nil for the drawing's `ink`.
    public var ink: RGBA?

    public init(_ points: [StrokeSample], pen: Double? = nil, ink: RGBA? = nil) {
        self.points = points
        self.pen = pen
        self.ink = ink
    }
}

/// A drawing as pen strokes on a canvas: what a strokes file (`format: 1` JSON, or SVG)
/// holds once read and checked. Every coordinate is finite and within
/// ``StrokesLimits/coordinate`` of the canvas; a drawing is either fully timed (every
/// point has `t`, never decreasing) or untimed.
public struct Strokes: Sendable, Equatable {
    /// Canvas size in pixels.
    public var width: Int
    public var height: Int
    /// Paper colour, or nil for a transparent canvas.
    public var background: RGBA?
    /// Ink colour.
    public var ink: RGBA
    /// Pen width in pixels.
    public var pen: Double
    /// The strokes in drawing order.
    public var strokes: [Stroke]

    public init(width: Int, height: Int, background: RGBA?, ink: RGBA, pen: Double, strokes: [Stroke]) {
        self.width = width
        self.height = height
        self.background = background
        self.ink = ink
        self.pen = pen
        self.strokes = strokes
    }

    /// True when the points carry times (the whole drawing does, or none of it).
    public var isTimed: Bool { strokes.first?.points.first?.t != nil }

    /// Number of points over all strokes.
    public var pointCount: Int { strokes.reduce(0) { $0 + $1.points.count } }
}

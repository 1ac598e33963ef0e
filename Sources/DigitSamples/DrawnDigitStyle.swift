import CairoGraphics

/// How one drawn-digit canvas looks: canvas, colours, placement, pen and a possible stray speck.
public struct DrawnDigitStyle: Sendable, Equatable {
    public var canvasWidth: Int
    public var canvasHeight: Int
    /// Paper colour, or nil for a transparent background.
    public var paper: RGBA?
    public var ink: RGBA
    /// Which `DigitGlyphs.variants(of:)` entry to draw (taken modulo the count).
    public var variant: Int
    /// Digit height as a share of the canvas's shorter side.
    public var size: Double
    /// Centre of the digit as shares of the canvas width and height.
    public var centreX: Double
    public var centreY: Double
    /// Rotation in radians (positive = clockwise on screen) and horizontal shear (slant).
    public var rotation: Double
    public var slant: Double
    /// Pen width as a share of the digit height.
    public var penWidth: Double
    /// How far each stroke point wanders, as a share of the digit height (hand wobble).
    public var wobble: Double
    /// Seed for the wobble.
    public var seed: UInt64
    /// A stray dot: centre as shares of the canvas, radius in pixels.
    public var speck: (x: Double, y: Double, radius: Double)?

    public init(
        canvasWidth: Int, canvasHeight: Int, paper: RGBA?, ink: RGBA, variant: Int = 0,
        size: Double = 0.7, centreX: Double = 0.5, centreY: Double = 0.5, rotation: Double = 0,
        slant: Double = 0, penWidth: Double = 0.1, wobble: Double = 0.01, seed: UInt64 = 1,
        speck: (x: Double, y: Double, radius: Double)? = nil
    ) {
        self.canvasWidth = canvasWidth; self.canvasHeight = canvasHeight; self.paper = paper; self.ink = ink
        self.variant = variant; self.size = size; self.centreX = centreX; self.centreY = centreY
        self.rotation = rotation; self.slant = slant; self.penWidth = penWidth; self.wobble = wobble
        self.seed = seed; self.speck = speck
    }

    public static func == (a: DrawnDigitStyle, b: DrawnDigitStyle) -> Bool {
        a.canvasWidth == b.canvasWidth && a.canvasHeight == b.canvasHeight && a.paper == b.paper && a.ink == b.ink
            && a.variant == b.variant && a.size == b.size && a.centreX == b.centreX && a.centreY == b.centreY
            && a.rotation == b.rotation && a.slant == b.slant && a.penWidth == b.penWidth && a.wobble == b.wobble
            && a.seed == b.seed && a.speck?.x == b.speck?.x && a.speck?.y == b.speck?.y && a.speck?.radius == b.speck?.radius
    }
}

/// One way of writing a digit: pen strokes, and how wide the glyph is relative to its height.
public struct DigitGlyph: Sendable, Equatable {
    public var strokes: [[StrokePoint]]
    public var aspect: Double
}

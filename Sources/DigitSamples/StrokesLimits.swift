import Support

/// What a strokes file (JSON or SVG) may hold; anything beyond is a ``StrokesError`` naming
/// the file, checked before the points are kept.
public enum StrokesLimits {
    /// Bytes of a strokes file (a long, finely sampled recording is well under 1 MiB).
    public static let fileBytes = Limit("bytes in a strokes file", maximum: 16 << 20)
    /// Canvas width or height in pixels.
    public static let canvasSide = Limit("pixels per side of a strokes canvas", maximum: 8192)
    /// Points over all strokes, after curves are flattened.
    public static let points = Limit("points in one drawing", maximum: 200_000)
    /// Strokes in one drawing.
    public static let strokes = Limit("strokes in one drawing", maximum: 10_000)
    /// Nesting depth of JSON arrays and objects, or of SVG elements.
    public static let nesting = Limit("levels of nesting in a strokes file", maximum: 32)
    /// How far outside the canvas a coordinate may lie, as a multiple of the canvas's longer side.
    public static let coordinateMargin = 4.0
    /// Longest drawing, in seconds of timestamps.
    public static let seconds = 3600.0
    /// Widest pen, as a multiple of the canvas's longer side.
    public static let penMargin = 1.0
}

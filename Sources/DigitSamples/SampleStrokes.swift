import CairoGraphics

/// The strokes of the bundled drawn digits (`Scenes/digits/N.json`): the same placed glyph
/// `DrawnDigits` draws into `N.png`, its curves flattened finely, so that replaying the
/// strokes with ``StrokePen`` gives (within rounding) the PNG's network input.
public enum SampleStrokes {
    /// Distance allowed between a curve and its polyline, in canvas pixels.
    public static let tolerance = 0.05

    /// The strokes of `digit` drawn in `style` (untimed).
    public static func strokes(digit: Int, style: DrawnDigitStyle) -> Strokes {
        let placed = DrawnDigits.place(digit: digit, style: style)
        var strokes: [Stroke] = placed.strokes.map { stroke in
            let points = stroke.map { $0.0 }
            guard let first = points.first else { return Stroke([]) }
            var line = [first]
            for (c1, c2, end) in DrawnDigits.bezierSegments(points, corners: stroke.map { $0.1 }) {
                line += CurveFlattening.cubic(line[line.count - 1], c1, c2, end, tolerance: tolerance)
            }
            return Stroke(line.map { StrokeSample($0.0, $0.1) })
        }
        strokes.removeAll { $0.points.isEmpty }
        if let speck = style.speck {
            let x = speck.x * Double(style.canvasWidth), y = speck.y * Double(style.canvasHeight)
            strokes.append(Stroke([StrokeSample(x, y)], pen: 2 * speck.radius))
        }
        // Colours as the file stores them (#rrggbb), so the JSON round trip changes nothing.
        func stored(_ c: RGBA) -> RGBA { RGBA(hex: StrokesJSON.hex(c)) ?? c }
        return Strokes(
            width: style.canvasWidth, height: style.canvasHeight, background: style.paper.map(stored),
            ink: stored(style.ink), pen: placed.penWidth, strokes: strokes)
    }
}

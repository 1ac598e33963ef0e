import CairoGraphics

/// The strokes of the bundled drawn digits (`Scenes/digits/N.json`): the same placed glyph
/// `DrawnDigits` draws into `N.png`, its curves flattened by Cairo itself (the very points
/// Cairo strokes when it draws the PNG), so that replaying the strokes with ``StrokePen``
/// gives (within rounding) the PNG's network input.
public enum SampleStrokes {
    /// The strokes of `digit` drawn in `style` (untimed).
    public static func strokes(digit: Int, style: DrawnDigitStyle) throws -> Strokes {
        let placed = DrawnDigits.place(digit: digit, style: style)
        let scratch = try Context(try ImageSurface(width: 1, height: 1))
        var strokes: [Stroke] = placed.strokes.map { stroke in
            scratch.newPath()
            DrawnDigits.addSmoothPath(scratch, stroke.map { $0.0 }, corners: stroke.map { $0.1 })
            let line = scratch.flattenedPath().flatMap { $0 }
            return Stroke(line.map { StrokeSample($0.x, $0.y) })
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

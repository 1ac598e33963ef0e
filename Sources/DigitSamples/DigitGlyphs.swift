import Foundation

/// Hand-written shapes of the ten digits, several variants each, in the styles MNIST's writers used.
public enum DigitGlyphs {
    private static func p(_ x: Double, _ y: Double) -> StrokePoint { StrokePoint(x, y) }
    private static func c(_ x: Double, _ y: Double) -> StrokePoint { StrokePoint(x, y, corner: true) }

    /// An elliptical loop starting at angle `start` (radians, 0 = right, clockwise on screen).
    private static func loop(cx: Double, cy: Double, rx: Double, ry: Double, start: Double, turns: Double = 1.06, points: Int = 14)
        -> [StrokePoint]
    {
        (0...points).map { i in
            let a = start + turns * 2 * .pi * Double(i) / Double(points)
            return p(cx + rx * cos(a), cy + ry * sin(a))
        }
    }

    /// The variants of `digit` (0…9).
    public static func variants(of digit: Int) -> [DigitGlyph] {
        switch digit {
        case 0:
            return [
                DigitGlyph(strokes: [loop(cx: 0.5, cy: 0.5, rx: 0.45, ry: 0.5, start: -.pi / 2, turns: -1.05)], aspect: 0.75),
                DigitGlyph(strokes: [loop(cx: 0.5, cy: 0.5, rx: 0.42, ry: 0.5, start: -2.0, turns: -1.1)], aspect: 0.6),
                DigitGlyph(strokes: [loop(cx: 0.5, cy: 0.5, rx: 0.47, ry: 0.5, start: -1.2, turns: 1.02)], aspect: 0.85),
            ]
        case 1:
            return [
                DigitGlyph(strokes: [[p(0.5, 0.0), p(0.5, 1.0)]], aspect: 0.25),
                DigitGlyph(strokes: [[p(0.3, 0.16), c(0.62, 0.0), p(0.55, 0.5), p(0.5, 1.0)]], aspect: 0.35),
                DigitGlyph(strokes: [[p(0.55, 0.0), p(0.48, 0.5), p(0.45, 1.0)]], aspect: 0.3),
            ]
        case 2:
            return [
                DigitGlyph(
                    strokes: [
                        [
                            p(0.08, 0.25), p(0.35, 0.02), p(0.72, 0.04), p(0.88, 0.25), p(0.75, 0.5),
                            p(0.4, 0.75), c(0.06, 0.98), p(0.5, 0.95), p(0.95, 0.97),
                        ]
                    ], aspect: 0.7),
                DigitGlyph(
                    strokes: [
                        [
                            p(0.1, 0.2), p(0.45, 0.0), p(0.85, 0.15), p(0.8, 0.45), p(0.35, 0.8),
                            p(0.12, 0.95), p(0.2, 0.8), p(0.38, 0.88), p(0.6, 0.98), p(0.95, 0.92),
                        ]
                    ], aspect: 0.75),
                DigitGlyph(strokes: [[p(0.1, 0.3), p(0.4, 0.0), p(0.8, 0.1), p(0.82, 0.4), c(0.08, 1.0), c(0.95, 0.98)]], aspect: 0.65),
            ]
        case 3:
            return [
                DigitGlyph(
                    strokes: [
                        [
                            p(0.1, 0.12), p(0.45, 0.0), p(0.82, 0.1), p(0.82, 0.32), c(0.4, 0.47),
                            p(0.82, 0.6), p(0.88, 0.85), p(0.5, 1.0), p(0.08, 0.88),
                        ]
                    ], aspect: 0.65),
                DigitGlyph(
                    strokes: [
                        [
                            p(0.12, 0.1), p(0.5, 0.0), p(0.85, 0.18), p(0.6, 0.45), p(0.35, 0.5),
                            p(0.6, 0.52), p(0.9, 0.72), p(0.7, 0.97), p(0.3, 0.98), p(0.05, 0.82),
                        ]
                    ], aspect: 0.6),
                DigitGlyph(
                    strokes: [
                        [
                            c(0.1, 0.02), c(0.85, 0.02), c(0.4, 0.42), p(0.8, 0.55), p(0.88, 0.8),
                            p(0.55, 1.0), p(0.1, 0.9),
                        ]
                    ], aspect: 0.62),
            ]
        case 4:
            return [
                DigitGlyph(strokes: [[p(0.18, 0.0), c(0.08, 0.6), p(0.95, 0.58)], [p(0.72, 0.05), p(0.72, 1.0)]], aspect: 0.75),
                DigitGlyph(strokes: [[p(0.68, 0.0), c(0.05, 0.68), c(0.95, 0.66)], [c(0.68, 0.0), p(0.68, 1.0)]], aspect: 0.75),
                DigitGlyph(
                    strokes: [[p(0.22, 0.0), c(0.12, 0.55), p(0.55, 0.57), p(0.92, 0.5)], [p(0.78, 0.0), p(0.72, 0.5), p(0.68, 1.0)]],
                    aspect: 0.7),
            ]
        case 5:
            return [
                DigitGlyph(
                    strokes: [
                        [p(0.88, 0.0), p(0.25, 0.02)],
                        [c(0.25, 0.02), c(0.18, 0.45), p(0.5, 0.38), p(0.85, 0.55), p(0.85, 0.85), p(0.5, 1.0), p(0.08, 0.9)],
                    ], aspect: 0.65),
                DigitGlyph(
                    strokes: [
                        [
                            c(0.9, 0.02), c(0.25, 0.0), c(0.2, 0.42), p(0.55, 0.38), p(0.88, 0.6),
                            p(0.8, 0.9), p(0.45, 1.0), p(0.1, 0.88),
                        ]
                    ], aspect: 0.65),
                DigitGlyph(
                    strokes: [
                        [c(0.3, 0.0), c(0.22, 0.45), p(0.6, 0.4), p(0.9, 0.65), p(0.7, 0.95), p(0.3, 0.98), p(0.05, 0.85)],
                        [p(0.3, 0.02), p(0.92, 0.0)],
                    ], aspect: 0.62),
            ]
        case 6:
            return [
                DigitGlyph(
                    strokes: [
                        [
                            p(0.78, 0.0), p(0.38, 0.25), p(0.12, 0.62), p(0.22, 0.95), p(0.6, 0.98),
                            p(0.85, 0.75), p(0.65, 0.5), p(0.3, 0.55), p(0.14, 0.72),
                        ]
                    ], aspect: 0.65),
                DigitGlyph(
                    strokes: [
                        [
                            p(0.7, 0.0), p(0.3, 0.35), p(0.15, 0.75), p(0.4, 1.0), p(0.8, 0.85),
                            p(0.75, 0.6), p(0.4, 0.58), p(0.2, 0.75),
                        ]
                    ], aspect: 0.6),
                DigitGlyph(
                    strokes: [
                        [
                            p(0.8, 0.0), p(0.45, 0.18), p(0.2, 0.5), p(0.15, 0.8), p(0.45, 1.0),
                            p(0.82, 0.84), p(0.72, 0.58), p(0.38, 0.56), p(0.18, 0.72),
                        ]
                    ], aspect: 0.68),
            ]
        case 7:
            return [
                DigitGlyph(strokes: [[p(0.05, 0.06), c(0.95, 0.02), p(0.6, 0.5), p(0.38, 1.0)]], aspect: 0.7),
                DigitGlyph(
                    strokes: [
                        [c(0.02, 0.18), c(0.08, 0.02), c(0.95, 0.02), p(0.7, 0.4), p(0.45, 1.0)],
                        [p(0.3, 0.55), p(0.85, 0.5)],
                    ], aspect: 0.72),
                DigitGlyph(strokes: [[p(0.08, 0.0), c(0.92, 0.05), p(0.75, 0.35), p(0.55, 0.7), p(0.5, 1.0)]], aspect: 0.65),
            ]
        case 8:
            return [
                DigitGlyph(
                    strokes: [
                        [
                            p(0.82, 0.14), p(0.5, 0.0), p(0.18, 0.15), p(0.3, 0.38), p(0.7, 0.6),
                            p(0.82, 0.85), p(0.5, 1.0), p(0.18, 0.85), p(0.3, 0.6), p(0.7, 0.38), p(0.82, 0.16),
                        ]
                    ], aspect: 0.62),
                DigitGlyph(
                    strokes: [
                        loop(cx: 0.5, cy: 0.23, rx: 0.38, ry: 0.23, start: .pi / 2, turns: 1.04),
                        loop(cx: 0.5, cy: 0.73, rx: 0.48, ry: 0.27, start: -.pi / 2, turns: 1.04),
                    ], aspect: 0.62),
                DigitGlyph(
                    strokes: [
                        [
                            p(0.7, 0.1), p(0.4, 0.0), p(0.15, 0.2), p(0.45, 0.48), p(0.85, 0.75),
                            p(0.55, 1.0), p(0.15, 0.82), p(0.45, 0.48), p(0.75, 0.25), p(0.7, 0.08),
                        ]
                    ], aspect: 0.6),
            ]
        default:
            return [
                DigitGlyph(
                    strokes: [
                        [
                            p(0.82, 0.2), p(0.5, 0.0), p(0.15, 0.18), p(0.22, 0.42), p(0.6, 0.42),
                            c(0.84, 0.2), p(0.8, 0.6), p(0.74, 1.0),
                        ]
                    ], aspect: 0.62),
                DigitGlyph(
                    strokes: [
                        loop(cx: 0.48, cy: 0.24, rx: 0.4, ry: 0.24, start: 0, turns: -1.05),
                        [p(0.88, 0.2), p(0.8, 0.6), p(0.6, 1.0)],
                    ], aspect: 0.6),
                DigitGlyph(
                    strokes: [
                        [
                            p(0.85, 0.15), p(0.55, 0.0), p(0.2, 0.1), p(0.15, 0.35), p(0.5, 0.45),
                            c(0.88, 0.15), p(0.85, 1.0),
                        ]
                    ], aspect: 0.6),
            ]
        }
    }
}

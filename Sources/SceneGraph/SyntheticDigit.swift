import DigitNet

/// A deterministic, MNIST-like drawn digit for tests, benchmarks and previews: a 7 made of
/// two anti-aliased strokes on a 28×28 canvas, values in 0…1.
public enum SyntheticDigit {
    /// The 7 as a `(1,28,28)` tensor.
    public static func seven() -> Tensor {
        var pixels = [Float](repeating: 0, count: 28 * 28)
        // Top bar from (7,8) to (20,8), then the diagonal down to (11,23); (x, y) in pixels.
        stroke(&pixels, from: (7, 8), to: (20, 7.5), radius: 1.4)
        stroke(&pixels, from: (20, 7.5), to: (11.5, 23), radius: 1.5)
        return Tensor(shape: [1, 28, 28], data: pixels)
    }

    static func stroke(_ pixels: inout [Float], from a: (Double, Double), to b: (Double, Double), radius: Double) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1)
        let len2 = dx * dx + dy * dy
        for y in 0..<28 {
            for x in 0..<28 {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let t = max(0, min(1, ((px - a.0) * dx + (py - a.1) * dy) / len2))
                let (cx, cy) = (a.0 + t * dx - px, a.1 + t * dy - py)
                let d = (cx * cx + cy * cy).squareRoot()
                let v = Float(max(0, min(1, radius + 0.5 - d)))
                pixels[y * 28 + x] = max(pixels[y * 28 + x], v)
            }
        }
    }
}

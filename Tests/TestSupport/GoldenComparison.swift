import CairoGraphics

/// The outcome of comparing a picture with its golden pixel by pixel (see `GoldenImage`).
public struct GoldenComparison {
    /// Pixels whose largest channel difference exceeds the tolerance.
    public var mismatched: Int
    /// Pixels compared.
    public var pixels: Int
    /// Largest channel difference found anywhere (0…255).
    public var worst: Int
    /// Red where pixels mismatch, the golden dimmed in grey elsewhere.
    public var diff: ImageSurface

    /// `mismatched / pixels` (0 for an empty image).
    public var mismatchFraction: Double { pixels == 0 ? 0 : Double(mismatched) / Double(pixels) }
}

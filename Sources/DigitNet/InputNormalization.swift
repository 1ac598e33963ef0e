import Foundation

/// How an input image with values in [0,1] becomes what the first stage reads:
/// `(x − mean) / std`, computed as `(x − mean) · (1 / std)`. The only place cnnviz normalises.
public struct InputNormalization: Sendable, Equatable {
    public var mean: Float
    public var std: Float

    public init(mean: Float, std: Float) {
        self.mean = mean
        self.std = std
    }

    /// No change (mean 0, std 1).
    public static let identity = InputNormalization(mean: 0, std: 1)

    /// Normalises `count` values in place: values (N) → (N).
    @inlinable
    public func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let scale = 1 / std
        for i in 0..<count { values[i] = (values[i] - mean) * scale }
    }

    /// The normalised copy of `values`: (N) → (N).
    public func applied(to values: [Float]) -> [Float] {
        var out = values
        out.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { apply(base, count: buffer.count) }
        }
        return out
    }

    /// The operation as people read it, e.g. `(x−0.1307)/0.3081`.
    public var formula: String { String(format: "(x−%.4g)/%.4g", mean, std) }
}

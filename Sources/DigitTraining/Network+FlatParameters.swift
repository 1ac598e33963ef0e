import DigitNet

extension Network {
    /// All learned values concatenated in `namedParameters` order.
    public var flatParameters: [Float] { namedParameters.flatMap(\.values) }

    /// A copy with learned values taken from a flat vector in `namedParameters` order.
    public func withFlatParameters(_ flat: [Float]) -> Network {
        var tensors: [String: Tensor] = [:]
        var offset = 0
        for (name, shape, values) in namedParameters {
            tensors[name] = Tensor(shape: shape, data: Array(flat[offset..<(offset + values.count)]))
            offset += values.count
        }
        var copy = self
        // Names and shapes come from `self`, so loading cannot fail.
        try? copy.load(tensors, source: "flat parameters")
        return copy
    }
}

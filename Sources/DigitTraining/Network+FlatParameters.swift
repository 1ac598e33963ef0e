import DigitNet

extension Network {
    /// All learned values concatenated in `namedParameters` order.
    public var flatParameters: [Float] { namedParameters.flatMap(\.values) }

    /// Every batch norm's running mean then running variance, in `batchNorms` order.
    public var flatRunningStatistics: [Float] { batchNorms.flatMap { $0.runningMean + $0.runningVar } }

    /// A copy with learned values taken from a flat vector in `namedParameters` order (running
    /// statistics unchanged).
    public func withFlatParameters(_ flat: [Float]) -> Network {
        withState(parameters: flat, running: flatRunningStatistics)
    }

    /// A copy with learned values from `parameters` (`namedParameters` order) and running
    /// statistics from `running` (``flatRunningStatistics`` order).
    public func withState(parameters: [Float], running: [Float]) -> Network {
        var tensors: [String: Tensor] = [:]
        var offset = 0
        for (name, shape, values) in namedParameters {
            tensors[name] = Tensor(shape: shape, data: Array(parameters[offset..<(offset + values.count)]))
            offset += values.count
        }
        offset = 0
        for norm in batchNorms {
            let c = norm.channels
            tensors["\(norm.name).running_mean"] = Tensor(shape: [c], data: Array(running[offset..<(offset + c)]))
            tensors["\(norm.name).running_var"] = Tensor(shape: [c], data: Array(running[(offset + c)..<(offset + 2 * c)]))
            offset += 2 * c
        }
        var copy = self
        // Names and shapes come from `self`, so loading cannot fail.
        try? copy.load(tensors, source: "flat parameters")
        return copy
    }
}

/// Several weight averages measured in one run: for each window K it keeps what is needed to
/// give the mean of the weights (and batch-norm running statistics) after every step of the
/// last K epochs, so a single run can compare "average of the last K epochs" for several K.
/// Only a comparison: the trained network stays the one ``TrainingOptions/averageEpochs``
/// asks for. One Float64 running sum from the widest window's start, plus a copy of it at
/// each window's start (the difference of two sums is each window's sum).
final class AverageWindows {
    /// Window lengths in epochs, ascending, each in `1...epochs`.
    let windows: [Int]
    let epochs: Int
    /// Sum of the state after every step since the widest window started.
    private var sum: [Double] = []
    private var steps = 0
    /// `sum` and `steps` at the start of each window (by window length).
    private var starts: [Int: (sum: [Double], steps: Int)] = [:]

    init(windows: [Int], epochs: Int) {
        self.windows = Array(Set(windows)).sorted()
        self.epochs = epochs
    }

    /// True when steps of `epoch` (1-based) fall in some window.
    func covers(epoch: Int) -> Bool {
        guard let widest = windows.last else { return false }
        return epoch > epochs - widest
    }

    /// Marks the start of `epoch`: the windows that begin with it copy the running sum.
    func beginEpoch(_ epoch: Int, count: Int) {
        if sum.isEmpty && covers(epoch: epoch) { sum = [Double](repeating: 0, count: count) }
        for k in windows where epochs - k + 1 == epoch { starts[k] = (sum, steps) }
    }

    /// Adds the state after one step.
    func add(parameters: [Float], running: [Float]) {
        for i in parameters.indices { sum[i] += Double(parameters[i]) }
        for i in running.indices { sum[parameters.count + i] += Double(running[i]) }
        steps += 1
    }

    /// The mean state over window `k` so far (parameters then running statistics), nil before
    /// the window starts or when `k` is not one of the windows.
    func mean(window k: Int) -> [Float]? {
        guard let start = starts[k], steps > start.steps else { return nil }
        let n = Double(steps - start.steps)
        return sum.indices.map { Float((sum[$0] - start.sum[$0]) / n) }
    }
}

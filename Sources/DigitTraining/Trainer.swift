import DigitNet
import Dispatch
import Support

#if canImport(Glibc)
    import Glibc
#endif

/// Mini-batch Adam training of a `Network` with softmax cross-entropy, for any architecture
/// DigitNet builds: batch norms normalise with the whole batch's statistics (across shards)
/// and move their running statistics by their momentum; dropout masks are drawn from the
/// seed, the epoch and the image, so the same options give the same weights.
public final class Trainer {
    public let options: TrainingOptions
    private let plan: TrainingPlan
    private let base: Network
    private var parameters: [Float]
    /// Batch norms' running statistics, ``Network/flatRunningStatistics`` order.
    private var running: [Float]
    private var adamM: [Float]
    private var adamV: [Float]
    private var step = 0
    private let workspaces: [Workspace]
    /// Per step: a batch norm's per-channel 1/√(var + eps) of the current batch (else empty).
    private var invStd: [[Float]]

    /// Starts from `network`'s current weights. Its input must be one channel (the digits
    /// are resampled to its height and width) and it must have at least ten outputs.
    public init(network: Network, options: TrainingOptions) throws(TrainingError) {
        guard options.batchSize > 0, options.shards > 0, options.epochs >= 0 else {
            throw .unsupportedNetwork("batch size and shards must be positive")
        }
        guard network.inputShape.count == 3, network.inputShape[0] == 1 else {
            throw .unsupportedNetwork("MNIST digits have one channel, the network's input is \(network.inputShape)")
        }
        self.options = options
        let plan = try TrainingPlan(network)
        guard plan.classes >= 10 else {
            throw .unsupportedNetwork("the last layer has \(plan.classes) outputs, MNIST has 10 classes")
        }
        self.plan = plan
        self.base = network
        self.parameters = network.flatParameters
        self.running = network.flatRunningStatistics
        self.adamM = [Float](repeating: 0, count: parameters.count)
        self.adamV = [Float](repeating: 0, count: parameters.count)
        self.invStd = plan.steps.map { _ in [] }
        let slots = (options.batchSize + options.shards - 1) / options.shards
        self.workspaces = (0..<options.shards).map { _ in Workspace(plan: plan, slots: slots) }
    }

    /// The network with the current weights and running statistics.
    public var network: Network { base.withState(parameters: parameters, running: running) }

    /// Training batches run so far (what PyTorch's batch norms count in `num_batches_tracked`).
    public var batchesTracked: Int { step }

    /// Learning rate at a global step of a run with `totalSteps` steps.
    func learningRate(at step: Int, totalSteps: Int) -> Float {
        let t = Float(step) / Float(Swift.max(totalSteps, 1))
        let lo = options.finalLearningRate, hi = options.learningRate
        return lo + (hi - lo) * 0.5 * (1 + cosf(.pi * Swift.min(t, 1)))
    }

    /// Runs epoch number `epoch` (1-based) over `data`. `totalEpochs` fixes the schedule.
    @discardableResult
    public func trainEpoch(_ epoch: Int, data: MNISTSet) throws(TrainingError) -> EpochReport {
        guard data.count > 0 else { throw .emptyData("the training set is empty") }
        let start = DispatchTime.now().uptimeNanoseconds
        let order = Self.permutation(count: data.count, seed: options.seed &+ UInt64(epoch) &* 0x9E37_79B9)
        let batches = (data.count + options.batchSize - 1) / options.batchSize
        let totalSteps = batches * Swift.max(options.epochs, epoch)
        var lossSum = 0.0
        var correct = 0
        var lr: Float = 0
        for b in 0..<batches {
            let lo = b * options.batchSize
            let hi = Swift.min(lo + options.batchSize, data.count)
            lr = learningRate(at: step, totalSteps: totalSteps)
            let result = runBatch(indices: Array(order[lo..<hi]), data: data, epoch: epoch)
            lossSum += result.loss
            correct += result.correct
            adam(lr: lr, batch: hi - lo)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return EpochReport(
            epoch: epoch, meanLoss: lossSum / Double(data.count),
            trainAccuracy: Double(correct) / Double(data.count), seconds: seconds, learningRate: lr)
    }

    /// Forward + backward over one batch split into shards, gradients left summed in shard 0.
    private func runBatch(indices: [Int], data: MNISTSet, epoch: Int) -> (loss: Double, correct: Int) {
        let per = workspaces[0].slots
        let seed = options.seed
        let augmentation = options.augmentation
        let plan = self.plan
        let normalization = base.normalization
        let shape = base.inputShape
        let workspaces = self.workspaces
        data.pixels.withUnsafeBufferPointer { pixels in
            let source = Shared(pixels.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workspaces.count) { w in
                let ws = workspaces[w]
                let lo = Swift.min(w * per, indices.count), hi = Swift.min(lo + per, indices.count)
                ws.count = hi - lo
                var digit = [Float](repeating: 0, count: MNISTSet.pixelsPerImage)
                for (s, idx) in indices[lo..<hi].enumerated() {
                    ws.labels[s] = data.labels[idx]
                    var keys = SplitMix64(seed: seed ^ (UInt64(epoch) << 40) ^ UInt64(idx) &* 0x2545_F491_4F6C_DD1D)
                    ws.sampleKeys[s] = keys.next() ^ 0x5851_F42D_4C95_7F2D
                    let src = source.value + idx * MNISTSet.pixelsPerImage
                    digit.withUnsafeMutableBufferPointer { d in
                        if let augmentation {
                            var rng = SplitMix64(seed: seed ^ (UInt64(epoch) << 40) ^ UInt64(idx) &* 0x2545_F491_4F6C_DD1D)
                            augmentation.apply(src: src, dst: d.baseAddress!, side: MNISTSet.side, rng: &rng)
                        } else {
                            for i in 0..<MNISTSet.pixelsPerImage { d[i] = Float(src[i]) / 255 }
                        }
                    }
                    let dst = ws.input + s * plan.inputCount
                    if shape[1] == MNISTSet.side && shape[2] == MNISTSet.side {
                        dst.update(from: digit, count: plan.inputCount)
                    } else {
                        digit.withUnsafeBufferPointer {
                            DigitResize.area(
                                $0.baseAddress!, height: MNISTSet.side, width: MNISTSet.side, into: dst, height: shape[1],
                                width: shape[2])
                        }
                    }
                    normalization.apply(dst, count: plan.inputCount)
                }
            }
        }
        return pipeline(scale: 1 / Float(indices.count), updateRunning: true)
    }

    /// Forward, loss and backward over the samples filled in the workspaces, step by step
    /// (each step on every shard at once; a batch norm gathers the whole batch's statistics
    /// between its two phases). Shard gradients end summed in shard 0 in a fixed order.
    private func pipeline(scale: Float, updateRunning: Bool) -> (loss: Double, correct: Int) {
        let active = workspaces.filter { $0.count > 0 }
        let total = active.reduce(0) { $0 + $1.count }
        let transposedStorage = transposedConvWeights()
        func parallel(_ body: @Sendable (Workspace) -> Void) {
            DispatchQueue.concurrentPerform(iterations: active.count) { body(active[$0]) }
        }
        var results = [(Double, Int)](repeating: (0, 0), count: active.count)
        parameters.withUnsafeBufferPointer { params in
            let p = Shared(params.baseAddress!)
            for ws in workspaces { ws.gradients.update(repeating: 0, count: plan.parameterCount) }
            for j in plan.steps.indices {
                if case let .batchNorm(norm) = plan.steps[j] {
                    parallel { $0.normSums(j) }
                    let m = total * norm.spatial
                    var mean = [Float](repeating: 0, count: norm.channels)
                    var inv = [Float](repeating: 0, count: norm.channels)
                    for c in 0..<norm.channels {
                        var sum = 0.0, squares = 0.0
                        for ws in active {
                            sum += ws.partial[c]
                            squares += ws.partial[norm.channels + c]
                        }
                        let mu = sum / Double(m)
                        let variance = Swift.max(squares / Double(m) - mu * mu, 0)
                        mean[c] = Float(mu)
                        inv[c] = Float(1 / (variance + Double(norm.eps)).squareRoot())
                        if updateRunning {
                            let unbiased = m > 1 ? variance * Double(m) / Double(m - 1) : variance
                            let r = norm.running
                            running[r + c] = (1 - norm.momentum) * running[r + c] + norm.momentum * Float(mu)
                            running[r + norm.channels + c] =
                                (1 - norm.momentum) * running[r + norm.channels + c] + norm.momentum * Float(unbiased)
                        }
                    }
                    invStd[j] = inv
                    mean.withUnsafeBufferPointer { mp in
                        inv.withUnsafeBufferPointer { ip in
                            let stats = Shared((mp.baseAddress!, ip.baseAddress!))
                            parallel { $0.normApply(j, parameters: p.value, mean: stats.value.0, invStd: stats.value.1) }
                        }
                    }
                } else {
                    parallel { $0.forward(j, parameters: p.value) }
                }
            }
            results.withUnsafeMutableBufferPointer { r in
                let out = Shared(r.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: active.count) { out.value[$0] = active[$0].loss(scale: scale) }
            }
            withTransposed(transposedStorage) { transposed in
                let t = Shared(transposed)
                for j in plan.steps.indices.reversed() {
                    if case let .batchNorm(norm) = plan.steps[j] {
                        parallel { $0.normGradientSums(j) }
                        var sumDy = [Float](repeating: 0, count: norm.channels)
                        var sumDyXhat = [Float](repeating: 0, count: norm.channels)
                        for c in 0..<norm.channels {
                            var a = 0.0, b = 0.0
                            for ws in active {
                                a += ws.partial[c]
                                b += ws.partial[norm.channels + c]
                            }
                            sumDy[c] = Float(a)
                            sumDyXhat[c] = Float(b)
                        }
                        let m = total * norm.spatial
                        invStd[j].withUnsafeBufferPointer { ip in
                            sumDy.withUnsafeBufferPointer { ap in
                                sumDyXhat.withUnsafeBufferPointer { bp in
                                    let sums = Shared((ip.baseAddress!, ap.baseAddress!, bp.baseAddress!))
                                    parallel {
                                        $0.normBackward(
                                            j, parameters: p.value, invStd: sums.value.0, sumDy: sums.value.1, sumDyXhat: sums.value.2,
                                            m: m)
                                    }
                                }
                            }
                        }
                    } else {
                        parallel { $0.backward(j, parameters: p.value, transposedWeight: t.value[j], needInput: j > 0) }
                    }
                }
            }
        }
        // Sum shard gradients into shard 0 in a fixed order (deterministic).
        let g0 = workspaces[0].gradients
        for w in 1..<workspaces.count {
            let g = workspaces[w].gradients
            for i in 0..<plan.parameterCount { g0[i] += g[i] }
        }
        return results.reduce((0.0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
    }

    /// Each conv step's weights transposed `(F, CKK) → (CKK, F)` for the input-gradient GEMM;
    /// nil for other steps. Computed once per batch.
    private func transposedConvWeights() -> [[Float]?] {
        parameters.withUnsafeBufferPointer { p in
            plan.steps.map { step -> [Float]? in
                guard case let .conv(s) = step else { return nil }
                var t = [Float](repeating: 0, count: s.f * s.c * s.k * s.k)
                t.withUnsafeMutableBufferPointer {
                    GEMM.transpose(p.baseAddress! + s.weight, $0.baseAddress!, rows: s.f, cols: s.c * s.k * s.k)
                }
                return t
            }
        }
    }

    /// One Adam update from the gradients summed in shard 0.
    private func adam(lr: Float, batch: Int) {
        step += 1
        let beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8
        let c1 = 1 - powf(beta1, Float(step)), c2 = 1 - powf(beta2, Float(step))
        let g = workspaces[0].gradients
        let n = parameters.count
        parameters.withUnsafeMutableBufferPointer { p in
            adamM.withUnsafeMutableBufferPointer { m in
                adamV.withUnsafeMutableBufferPointer { v in
                    for i in 0..<n {
                        let gi = g[i]
                        m[i] = beta1 * m[i] + (1 - beta1) * gi
                        v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
                        p[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
                    }
                }
            }
        }
    }

    /// A seeded Fisher–Yates permutation of `0..<count`.
    static func permutation(count: Int, seed: UInt64) -> [Int] {
        var rng = SplitMix64(seed: seed)
        var order = Array(0..<count)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        return order
    }

    /// Loss and parameter gradients of one batch without updating anything (for gradient checks).
    /// Images are `(n, inputCount)` values in [0,1], already the network's input size; the
    /// batch fills the shards in order. `keys` (one per image, default 0…n−1) seed the dropout masks.
    public func lossAndGradient(images: [Float], labels: [UInt8], keys: [UInt64]? = nil) -> (loss: Double, gradient: [Float]) {
        let n = labels.count
        let per = workspaces[0].slots
        precondition(n <= per * workspaces.count && images.count == n * plan.inputCount)
        precondition(labels.allSatisfy { Int($0) < plan.classes })
        for (w, ws) in workspaces.enumerated() {
            let lo = Swift.min(w * per, n), hi = Swift.min(lo + per, n)
            ws.count = hi - lo
            for s in 0..<(hi - lo) {
                ws.labels[s] = labels[lo + s]
                ws.sampleKeys[s] = keys?[lo + s] ?? UInt64(lo + s)
            }
            images.withUnsafeBufferPointer {
                ws.input.update(from: $0.baseAddress! + lo * plan.inputCount, count: (hi - lo) * plan.inputCount)
            }
            base.normalization.apply(ws.input, count: (hi - lo) * plan.inputCount)
        }
        let r = pipeline(scale: 1 / Float(n), updateRunning: false)
        return (r.loss / Double(n), Array(UnsafeBufferPointer(start: workspaces[0].gradients, count: plan.parameterCount)))
    }

    /// Replaces the current weights (for gradient checks).
    public func setFlatParameters(_ values: [Float]) {
        precondition(values.count == parameters.count)
        parameters = values
    }

    /// The current weights as one vector in `namedParameters` order.
    public var flatParameters: [Float] { parameters }
}

/// A value handed to the shard threads of one phase. `@unchecked Sendable`: the pointers it
/// carries are read by every shard, or written only at each shard's own index, and all of
/// them outlive the `concurrentPerform` call.
private struct Shared<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Gives `body` stable pointers into optional arrays (nil stays nil).
private func withTransposed<R>(_ storage: [[Float]?], _ body: ([UnsafePointer<Float>?]) -> R) -> R {
    func go(_ i: Int, _ acc: [UnsafePointer<Float>?]) -> R {
        if i == storage.count { return body(acc) }
        guard let arr = storage[i] else { return go(i + 1, acc + [nil]) }
        return arr.withUnsafeBufferPointer { go(i + 1, acc + [$0.baseAddress]) }
    }
    return go(0, [])
}

import DigitNet
import Dispatch
import Support

#if canImport(Glibc)
    import Glibc
#endif

/// Mini-batch Adam training of a `Network` with softmax cross-entropy.
public final class Trainer {
    public let options: TrainingOptions
    private let plan: TrainingPlan
    private let base: Network
    private var parameters: [Float]
    private var adamM: [Float]
    private var adamV: [Float]
    private var step = 0
    private let workspaces: [Workspace]

    /// Starts from `network`'s current weights.
    public init(network: Network, options: TrainingOptions) throws(TrainingError) {
        guard options.batchSize > 0, options.shards > 0, options.epochs >= 0 else {
            throw .unsupportedNetwork("batch size and shards must be positive")
        }
        self.options = options
        let plan = try TrainingPlan(network)
        self.plan = plan
        self.base = network
        self.parameters = network.flatParameters
        self.adamM = [Float](repeating: 0, count: parameters.count)
        self.adamV = [Float](repeating: 0, count: parameters.count)
        let slots = (options.batchSize + options.shards - 1) / options.shards
        self.workspaces = (0..<options.shards).map { _ in Workspace(plan: plan, slots: slots) }
    }

    /// The network with the current weights.
    public var network: Network { base.withFlatParameters(parameters) }

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
        let shards = workspaces.count
        let per = workspaces[0].slots
        let scale = 1 / Float(indices.count)
        let seed = options.seed
        let augmentation = options.augmentation
        let plan = self.plan
        let normalization = base.normalization
        let transposedStorage = transposedConvWeights()
        let results = UnsafeMutableBufferPointer<(Double, Int)>.allocate(capacity: shards)
        results.initialize(repeating: (0, 0))
        defer { results.deallocate() }
        let workspaces = self.workspaces
        parameters.withUnsafeBufferPointer { params in
            data.pixels.withUnsafeBufferPointer { pixels in
                withTransposed(transposedStorage) { transposed in
                    let shared = SharedPointers(
                        parameters: params.baseAddress!, pixels: pixels.baseAddress!,
                        results: results.baseAddress!, transposed: transposed)
                    DispatchQueue.concurrentPerform(iterations: shards) { w in
                        let paramsBase = shared.parameters, pixelBase = shared.pixels, resultBase = shared.results
                        let ws = workspaces[w]
                        ws.gradients.update(repeating: 0, count: plan.parameterCount)
                        let lo = Swift.min(w * per, indices.count), hi = Swift.min(lo + per, indices.count)
                        guard hi > lo else { resultBase[w] = (0, 0); return }
                        var labels = [UInt8](repeating: 0, count: hi - lo)
                        for (s, idx) in indices[lo..<hi].enumerated() {
                            labels[s] = data.labels[idx]
                            let dst = ws.input + s * plan.inputCount
                            let src = pixelBase + idx * plan.inputCount
                            if let augmentation {
                                var rng = SplitMix64(seed: seed ^ (UInt64(epoch) << 40) ^ UInt64(idx) &* 0x2545_F491_4F6C_DD1D)
                                augmentation.apply(src: src, dst: dst, side: 28, rng: &rng)
                            } else {
                                for i in 0..<plan.inputCount { dst[i] = Float(src[i]) / 255 }
                            }
                            normalization.apply(dst, count: plan.inputCount)
                        }
                        let r = labels.withUnsafeBufferPointer {
                            ws.forwardBackward(
                                parameters: paramsBase, transposedConv: shared.transposed,
                                labels: $0.baseAddress!, n: hi - lo, scale: scale)
                        }
                        resultBase[w] = r
                    }
                }
            }
        }
        // Sum shard gradients into shard 0 in a fixed order (deterministic).
        let g0 = workspaces[0].gradients
        for w in 1..<shards {
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
                guard case let .conv(c, _, _, f, k, _, _, _, _, wOff, _, _) = step else { return nil }
                var t = [Float](repeating: 0, count: f * c * k * k)
                t.withUnsafeMutableBufferPointer { GEMM.transpose(p.baseAddress! + wOff, $0.baseAddress!, rows: f, cols: c * k * k) }
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
    /// Images are `(n, inputCount)` values in [0,1].
    public func lossAndGradient(images: [Float], labels: [UInt8]) -> (loss: Double, gradient: [Float]) {
        let n = labels.count
        precondition(n <= workspaces[0].slots && images.count == n * plan.inputCount)
        let ws = workspaces[0]
        ws.input.update(from: images, count: images.count)
        base.normalization.apply(ws.input, count: images.count)
        ws.gradients.update(repeating: 0, count: plan.parameterCount)
        let transposedStorage = transposedConvWeights()
        let r = parameters.withUnsafeBufferPointer { p in
            withTransposed(transposedStorage) { t in
                labels.withUnsafeBufferPointer {
                    ws.forwardBackward(parameters: p.baseAddress!, transposedConv: t, labels: $0.baseAddress!, n: n, scale: 1 / Float(n))
                }
            }
        }
        return (r.loss / Double(n), Array(UnsafeBufferPointer(start: ws.gradients, count: plan.parameterCount)))
    }

    /// Replaces the current weights (for gradient checks).
    public func setFlatParameters(_ values: [Float]) {
        precondition(values.count == parameters.count)
        parameters = values
    }

    /// The current weights as one vector in `namedParameters` order.
    public var flatParameters: [Float] { parameters }
}

/// Read-only (or per-shard disjoint) buffers handed to the shard threads of one batch.
/// `@unchecked Sendable`: shards read `parameters`, `pixels` and `transposed`, and each writes
/// only its own `results[w]`; all of them outlive the `concurrentPerform` call.
private struct SharedPointers: @unchecked Sendable {
    let parameters: UnsafePointer<Float>
    let pixels: UnsafePointer<UInt8>
    let results: UnsafeMutablePointer<(Double, Int)>
    let transposed: [UnsafePointer<Float>?]
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

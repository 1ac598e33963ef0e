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
    /// Per batch norm `(4, C)` at `normOffsets[step]`: the batch's mean, 1/√(var + eps), Σdy
    /// and Σdy·x̂.
    private let normStats: UnsafeMutablePointer<Float>
    private let normOffsets: [Int]
    /// MNIST's 28×28 → the network's input size, when they differ.
    private let resize: DigitResize.Plan?

    /// The order references run instead of the fast kernels (see ``init(network:options:referenceKernels:)``).
    public let referenceKernels: Bool

    /// Starts from `network`'s current weights. Its input must be one channel (the digits
    /// are resampled to its height and width) and it must have at least ten outputs.
    /// `referenceKernels` (for tests) runs the trainer's previous kernels instead of the
    /// cache-blocked ones (`GEMM.blockedByRows`, `GEMM.dotRowsByRow`, scalar Adam and shard
    /// sums): the same sums in the same order, so the same bytes, only slower.
    public init(network: Network, options: TrainingOptions, referenceKernels: Bool = false) throws(TrainingError) {
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
        var offsets: [Int] = []
        var statsCount = 0
        for step in plan.steps {
            offsets.append(statsCount)
            statsCount += 4 * Self.channels(step)
        }
        self.normOffsets = offsets
        self.resize = MNISTSet.resizePlan(to: network.inputShape)
        self.normStats = .allocate(capacity: Swift.max(statsCount, 1))
        self.normStats.initialize(repeating: 0, count: Swift.max(statsCount, 1))
        let slots = (options.batchSize + options.shards - 1) / options.shards
        self.referenceKernels = referenceKernels
        self.windows =
            options.comparedAverageEpochs.isEmpty
            ? nil : AverageWindows(windows: options.comparedAverageEpochs, epochs: options.epochs)
        self.workspaces = (0..<options.shards).map { _ in
            Workspace(plan: plan, slots: slots, orderReference: referenceKernels)
        }
    }

    deinit { normStats.deallocate() }

    /// The network with the current weights and running statistics.
    public var network: Network { base.withState(parameters: parameters, running: running) }

    /// What a run produces: the average of the weights over the last
    /// ``TrainingOptions/averageEpochs`` epochs once any step of them has run, else ``network``.
    public var finalNetwork: Network { averagedNetwork ?? network }

    /// The mean of the weights and running statistics after every step averaged so far (nil
    /// before the averaging window, or without averaging). Sums are kept in Float64.
    public var averagedNetwork: Network? {
        guard averagedSteps > 0 else { return nil }
        let k = Double(averagedSteps)
        return base.withState(
            parameters: averageSum.prefix(parameters.count).map { Float($0 / k) },
            running: averageSum.dropFirst(parameters.count).map { Float($0 / k) })
    }

    /// Steps summed into `averageSum`.
    private var averagedSteps = 0
    /// The averages compared in one run (``TrainingOptions/comparedAverageEpochs``), nil without.
    private let windows: AverageWindows?

    /// The mean of the weights and running statistics after every step of the last `epochs`
    /// epochs so far, for each of ``TrainingOptions/comparedAverageEpochs`` (nil before that
    /// window starts or for another length). Compared, never written.
    public func comparedAverage(lastEpochs epochs: Int) -> Network? {
        guard let state = windows?.mean(window: epochs) else { return nil }
        return base.withState(parameters: Array(state.prefix(parameters.count)), running: Array(state.dropFirst(parameters.count)))
    }
    /// Sums of the weights then of the running statistics over the averaged steps.
    private var averageSum: [Double] = []

    /// Adds the current weights and running statistics to the average.
    private func accumulateAverage() {
        if averageSum.isEmpty { averageSum = [Double](repeating: 0, count: parameters.count + running.count) }
        for i in parameters.indices { averageSum[i] += Double(parameters[i]) }
        for i in running.indices { averageSum[parameters.count + i] += Double(running[i]) }
        averagedSteps += 1
    }

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
        let averaging = options.averageEpochs > 0 && epoch > options.epochs - options.averageEpochs
        windows?.beginEpoch(epoch, count: parameters.count + running.count)
        let comparing = windows?.covers(epoch: epoch) ?? false
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
            if averaging { accumulateAverage() }
            if comparing { windows?.add(parameters: parameters, running: running) }
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
        let resize = self.resize
        for (w, ws) in workspaces.enumerated() {
            let lo = Swift.min(w * per, indices.count)
            ws.count = Swift.min(lo + per, indices.count) - lo
        }
        return data.pixels.withUnsafeBufferPointer { pixels in
            let source = Shared(pixels.baseAddress!)
            // Each shard fills its own images at the start of its first phase.
            return pipeline(scale: 1 / Float(indices.count), updateRunning: true) { w, ws in
                let lo = w * per
                var digit = [Float](repeating: 0, count: MNISTSet.pixelsPerImage)
                for (s, idx) in indices[lo..<(lo + ws.count)].enumerated() {
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
                    if let resize {
                        digit.withUnsafeBufferPointer { resize.apply($0.baseAddress!, into: dst) }
                    } else {
                        dst.update(from: digit, count: plan.inputCount)
                    }
                    normalization.apply(dst, count: plan.inputCount)
                }
            }
        }
    }

    /// Forward, loss and backward over the samples in the workspaces (`prepare`, when given,
    /// first fills shard `w`'s samples). Every shard runs the steps between two batch norms in
    /// one phase on its own thread; a batch norm gathers the whole batch's statistics (in shard
    /// order) between two phases, so a network without batch norm runs forward, loss and
    /// backward in a single phase. Each shard's arithmetic is the same whatever the phases;
    /// shard gradients end summed in shard 0 in a fixed order (deterministic).
    private func pipeline(
        scale: Float, updateRunning: Bool, prepare: (@Sendable (Int, Workspace) -> Void)? = nil
    ) -> (loss: Double, correct: Int) {
        let steps = plan.steps
        let active = Array(workspaces.prefix { $0.count > 0 })
        let total = active.reduce(0) { $0 + $1.count }
        let norms = steps.indices.filter { if case .batchNorm = steps[$0] { return true } else { return false } }
        let stats = Shared(normStats)
        let offsets = normOffsets
        let count = plan.parameterCount
        // Active shards clear their own gradients at the start of their first phase.
        for ws in workspaces.dropFirst(active.count) { ws.gradients.update(repeating: 0, count: count) }
        var results = [(Double, Int)](repeating: (0, 0), count: active.count)
        func parallel(_ body: @Sendable (Int, Workspace) -> Void) {
            DispatchQueue.concurrentPerform(iterations: active.count) { body($0, active[$0]) }
        }
        parameters.withUnsafeBufferPointer { params in
            let p = Shared(params.baseAddress!)
            withTransposed(transposedConvWeights()) { transposed in
                let t = Shared(transposed)
                results.withUnsafeMutableBufferPointer { r in
                    let out = Shared(r.baseAddress!)
                    // Backward from the last step down to (not into) `stop`; the batch norm at
                    // `stop`, if any, gets its gradient sums.
                    @Sendable func backward(_ ws: Workspace, from top: Int, downTo stop: Int?) {
                        let low = stop.map { $0 + 1 } ?? 0
                        for j in stride(from: top, through: low, by: -1) {
                            ws.backward(j, parameters: p.value, transposedWeight: t.value[j], needInput: j > 0)
                        }
                        if let stop { ws.normGradientSums(stop) }
                    }
                    // Forward phases: [after norm i−1 … norm i), then the last one with loss and
                    // the backward pass down to the last batch norm.
                    var first = 0
                    var previous: Int? = nil
                    for phase in 0...norms.count {
                        let end = phase < norms.count ? norms[phase] : steps.count
                        let (lo, applying) = (first, previous)
                        let lastNorm = norms.last
                        parallel { w, ws in
                            if phase == 0 {
                                ws.gradients.update(repeating: 0, count: count)
                                prepare?(w, ws)
                            }
                            if let a = applying {
                                let o = offsets[a], c = Self.channels(steps[a])
                                ws.normApply(a, parameters: p.value, mean: stats.value + o, invStd: stats.value + o + c)
                            }
                            for j in lo..<end { ws.forward(j, parameters: p.value, transposedWeight: t.value[j]) }
                            if end < steps.count {
                                ws.normSums(end)
                            } else {
                                out.value[w] = ws.loss(scale: scale)
                                backward(ws, from: steps.count - 1, downTo: lastNorm)
                            }
                        }
                        if end < steps.count {
                            combineNormSums(end, active: active, total: total, updateRunning: updateRunning)
                            previous = end
                            first = end + 1
                        }
                    }
                    // Backward phases: each batch norm's gradient, then the steps below it down
                    // to the previous batch norm.
                    for (index, j) in norms.enumerated().reversed() {
                        combineNormGradientSums(j, active: active)
                        let below = index > 0 ? norms[index - 1] : nil
                        let total = total
                        parallel { _, ws in
                            guard case let .batchNorm(norm) = steps[j] else { return }
                            let o = offsets[j], c = norm.channels
                            ws.normBackward(
                                j, parameters: p.value, invStd: stats.value + o + c, sumDy: stats.value + o + 2 * c,
                                sumDyXhat: stats.value + o + 3 * c, m: total * norm.spatial)
                            if j > 0 { backward(ws, from: j - 1, downTo: below) }
                        }
                    }
                }
            }
        }
        sumShardGradients()
        return results.reduce((0.0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
    }

    /// Channels of a batch-norm step (0 for any other step).
    private static func channels(_ step: PlanStep) -> Int {
        if case let .batchNorm(n) = step { return n.channels }
        return 0
    }

    /// The whole batch's mean and 1/√(var + eps) of batch norm `j` from the shards' partial
    /// sums (in shard order) into `normStats`; moves the running statistics when asked.
    private func combineNormSums(_ j: Int, active: [Workspace], total: Int, updateRunning: Bool) {
        guard case let .batchNorm(norm) = plan.steps[j] else { return }
        let m = total * norm.spatial
        let mean = normStats + normOffsets[j], inv = mean + norm.channels
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
    }

    /// The whole batch's Σdy and Σdy·x̂ of batch norm `j` (shard order) into `normStats`.
    private func combineNormGradientSums(_ j: Int, active: [Workspace]) {
        guard case let .batchNorm(norm) = plan.steps[j] else { return }
        let sumDy = normStats + normOffsets[j] + 2 * norm.channels, sumDyXhat = sumDy + norm.channels
        for c in 0..<norm.channels {
            var a = 0.0, b = 0.0
            for ws in active {
                a += ws.partial[c]
                b += ws.partial[norm.channels + c]
            }
            sumDy[c] = Float(a)
            sumDyXhat[c] = Float(b)
        }
    }

    /// Adds every shard's gradients into shard 0's, shard by shard in order (the same sum for
    /// each parameter whatever the split), eight lanes at a time on two threads.
    private func sumShardGradients() {
        guard workspaces.count > 1 else { return }
        let g = workspaces.map { Shared($0.gradients) }
        let n = plan.parameterCount
        if referenceKernels {
            for w in 1..<g.count {
                for i in 0..<n { g[0].value[i] += g[w].value[i] }
            }
            return
        }
        Self.splitRange(n) { lo, hi in
            let g0 = g[0].value
            for w in 1..<g.count {
                let gw = g[w].value
                var i = lo
                while i + 8 <= hi {
                    let sum = Lanes.load(g0 + i) + Lanes.load(gw + i)
                    Lanes.store(sum, g0 + i)
                    i += 8
                }
                while i < hi {
                    g0[i] += gw[i]
                    i += 1
                }
            }
        }
    }

    /// Runs `body` over `0..<n` split into two halves (multiples of 8) on two threads.
    private static func splitRange(_ n: Int, _ body: @Sendable (Int, Int) -> Void) {
        let half = ((n / 2) + 7) & ~7
        if n < 4096 {
            body(0, n)
            return
        }
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 { body(0, Swift.min(half, n)) } else { body(Swift.min(half, n), n) }
        }
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

    /// One Adam update from the gradients summed in shard 0, eight lanes at a time on two
    /// threads (each lane the same operations in the same order as the scalar update, so the
    /// same bits).
    private func adam(lr: Float, batch: Int) {
        step += 1
        let beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8
        let c1 = 1 - powf(beta1, Float(step)), c2 = 1 - powf(beta2, Float(step))
        let g = Shared(workspaces[0].gradients)
        let n = parameters.count
        if referenceKernels {
            for i in 0..<n {
                let gi = g.value[i]
                adamM[i] = beta1 * adamM[i] + (1 - beta1) * gi
                adamV[i] = beta2 * adamV[i] + (1 - beta2) * gi * gi
                parameters[i] -= lr * (adamM[i] / c1) / ((adamV[i] / c2).squareRoot() + eps)
            }
            return
        }
        parameters.withUnsafeMutableBufferPointer { pb in
            adamM.withUnsafeMutableBufferPointer { mb in
                adamV.withUnsafeMutableBufferPointer { vb in
                    let ptrs = Shared((pb.baseAddress!, mb.baseAddress!, vb.baseAddress!))
                    Self.splitRange(n) { lo, hi in
                        let (p, m, v) = ptrs.value
                        let g = g.value
                        let b1 = SIMD8<Float>(repeating: beta1), b2 = SIMD8<Float>(repeating: beta2)
                        let d1 = SIMD8<Float>(repeating: 1 - beta1), d2 = SIMD8<Float>(repeating: 1 - beta2)
                        let vc1 = SIMD8<Float>(repeating: c1), vc2 = SIMD8<Float>(repeating: c2)
                        let vlr = SIMD8<Float>(repeating: lr), veps = SIMD8<Float>(repeating: eps)
                        var i = lo
                        while i + 8 <= hi {
                            let gi = Lanes.load(g + i)
                            let mi = b1 * Lanes.load(m + i) + d1 * gi
                            let vi = b2 * Lanes.load(v + i) + d2 * gi * gi
                            Lanes.store(mi, m + i)
                            Lanes.store(vi, v + i)
                            let step = vlr * (mi / vc1) / ((vi / vc2).squareRoot() + veps)
                            Lanes.store(Lanes.load(p + i) - step, p + i)
                            i += 8
                        }
                        while i < hi {
                            let gi = g[i]
                            m[i] = beta1 * m[i] + (1 - beta1) * gi
                            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
                            p[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
                            i += 1
                        }
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

/// Unaligned eight-float loads and stores for the element-wise loops.
private enum Lanes {
    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> { load(UnsafePointer(p)) }

    @inline(__always) static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}

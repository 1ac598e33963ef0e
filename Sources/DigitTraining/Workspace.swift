import DigitNet

/// Buffers one training worker owns for a sub-batch of up to `slots` samples: every step's
/// outputs (kept for backprop), im2col columns, pooling arg-maxes, dropout masks and
/// normalised batch-norm inputs, gradient scratch and the worker's own parameter-gradient sum.
///
/// `@unchecked Sendable`: a workspace is only ever touched by the one worker it belongs to
/// during a phase of a step, and by the coordinating thread between phases.
final class Workspace: @unchecked Sendable {
    let plan: TrainingPlan
    let slots: Int
    /// Run the kernels the trainer used before its cache blocking (`GEMM.blockedByRows`,
    /// `GEMM.dotRowsByRow`): the same sums in the same order, visited differently. Tests train
    /// with both and compare bytes.
    let orderReference: Bool
    /// Per step: a ReLU whose next step is a 2×2, stride-2 max pooling, run as one step by the
    /// pooling (`TrainingKernels.reluMaxPool2x2` and its backward; the ReLU's output is never
    /// written). Never with `orderReference`.
    let fusedReLU: [Bool]
    /// Samples filled in this batch (0…slots).
    var count = 0
    /// `(slots, inputCount)` normalised (and augmented) input images.
    let input: UnsafeMutablePointer<Float>
    /// `(slots)` labels.
    let labels: UnsafeMutablePointer<UInt8>
    /// `(slots)` a key per sample (from the seed, epoch and image), seeding its dropout masks.
    let sampleKeys: UnsafeMutablePointer<UInt64>
    /// Per step: `(slots, outputCount)` outputs.
    let outputs: [UnsafeMutablePointer<Float>]
    /// Per step: conv `(C·K·K, H'·W')` columns of the sample at hand (`(slots, C·K·K, H'·W')`,
    /// every sample's, kept from forward to backward, with `orderReference`); dropout
    /// `(slots, count)` mask scales; batch norm `(slots, count)` normalised inputs x̂;
    /// otherwise a 1-float dummy.
    let saved: [UnsafeMutablePointer<Float>]
    /// Per max-pool step: `(slots, outputCount)` flat input indices of the maxima.
    let argmax: [UnsafeMutablePointer<Int32>]
    /// Gradient of the current step's output and of its input, `(slots, widest)`, ping-ponged.
    var grad: UnsafeMutablePointer<Float>
    var spare: UnsafeMutablePointer<Float>
    /// `(widest dense output, slots)` transposed gradient.
    let transposed: UnsafeMutablePointer<Float>
    /// Column gradient of one sample for the widest conv step (plus
    /// `TrainingKernels.col2imSlack` floats that `col2imNarrow` may read).
    let columnGrad: UnsafeMutablePointer<Float>
    /// One sample's zero-padded input `(C, H+2P, W+2P)` for the widest padded conv step.
    let padded: UnsafeMutablePointer<Float>
    /// The worker's parameter gradients, `parameterCount` floats.
    let gradients: UnsafeMutablePointer<Float>
    /// `(slots, classes)` probabilities.
    let probabilities: UnsafeMutablePointer<Float>
    /// Per-channel partial sums of a batch norm over this worker's samples: `(2, widest norm)`.
    let partial: UnsafeMutablePointer<Double>

    private var allocations: [UnsafeMutableRawPointer] = []

    init(plan: TrainingPlan, slots: Int, orderReference: Bool = false) {
        self.plan = plan
        self.slots = slots
        self.orderReference = orderReference
        fusedReLU = plan.steps.indices.map { j in
            guard !orderReference, case .relu = plan.steps[j], j + 1 < plan.steps.count,
                case let .maxPool(pool) = plan.steps[j + 1]
            else { return false }
            return pool.window == 2 && pool.stride == 2
        }
        var allocations: [UnsafeMutableRawPointer] = []
        func buffer<T>(_ n: Int, _ zero: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(n, 1))
            p.initialize(repeating: zero, count: max(n, 1))
            allocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        input = buffer(slots * plan.inputCount, Float(0))
        labels = buffer(slots, UInt8(0))
        sampleKeys = buffer(slots, UInt64(0))
        outputs = plan.steps.map { buffer(slots * $0.outputCount, Float(0)) }
        saved = plan.steps.map { step in
            switch step {
            // The fast path unfolds a sample's columns again in backward (cheap copies) rather
            // than keeping a whole sub-batch's (megabytes: out of L2 by the time backward reads them).
            case let .conv(s): return buffer((orderReference ? slots : 1) * s.columnCount, Float(0))
            case .dropout, .batchNorm: return buffer(slots * step.outputCount, Float(0))
            default: return buffer(1, Float(0))
            }
        }
        argmax = plan.steps.map { step in
            if case .maxPool = step { return buffer(slots * step.outputCount, Int32(0)) }
            return buffer(1, Int32(0))
        }
        grad = buffer(slots * plan.widest, Float(0))
        spare = buffer(slots * plan.widest, Float(0))
        let denseWidth = plan.steps.map { if case let .dense(d) = $0 { return d.outputs } else { return 1 } }.max() ?? 1
        transposed = buffer(slots * denseWidth, Float(0))
        let columnWidth = plan.steps.map { if case let .conv(s) = $0 { return s.columnCount } else { return 1 } }.max() ?? 1
        columnGrad = buffer(columnWidth + TrainingKernels.col2imSlack, Float(0))
        let paddedWidth =
            plan.steps.map { step -> Int in
                guard case let .conv(s) = step else { return 1 }
                return s.c * (s.h + 2 * s.padding) * (s.w + 2 * s.padding)
            }.max() ?? 1
        padded = buffer(paddedWidth, Float(0))
        gradients = buffer(plan.parameterCount, Float(0))
        probabilities = buffer(slots * plan.classes, Float(0))
        partial = buffer(2 * max(plan.widestNorm, 1), Double(0))
        self.allocations = allocations
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    /// Step `j`'s (a conv's) columns of sample `i`: the sample's own slice with
    /// `orderReference`, else the one shared buffer.
    func columns(_ j: Int, sample i: Int, _ s: PlanStep.Conv) -> UnsafeMutablePointer<Float> {
        orderReference ? saved[j] + i * s.columnCount : saved[j]
    }

    /// What step `j` reads: the input images for the first step, else step j−1's output.
    func stepInput(_ j: Int) -> UnsafeMutablePointer<Float> { j == 0 ? input : outputs[j - 1] }
}

import DigitNet

/// Buffers one training worker owns for a sub-batch of up to `slots` samples: every step's
/// outputs (kept for backprop), im2col columns, pooling arg-maxes, gradient scratch and the
/// worker's own parameter-gradient sum.
///
/// `@unchecked Sendable`: a workspace is only ever touched by the one worker it belongs to
/// during a step, and by the coordinating thread between steps.
final class Workspace: @unchecked Sendable {
    let plan: TrainingPlan
    let slots: Int
    /// `(slots, inputCount)` normalised (and augmented) input images.
    let input: UnsafeMutablePointer<Float>
    /// Per step: `(slots, outputCount)` outputs (after ReLU where the step has one).
    let outputs: [UnsafeMutablePointer<Float>]
    /// Per conv step: `(slots, C·K·K, H'·W')` columns; unused entries point at a 1-float dummy.
    let columns: [UnsafeMutablePointer<Float>]
    /// Per pool step: `(slots, outputCount)` flat input indices of the maxima.
    let argmax: [UnsafeMutablePointer<Int32>]
    /// Dense-part gradients, `(slots, widest dense input or output)`, ping-ponged.
    let denseGradA: UnsafeMutablePointer<Float>
    let denseGradB: UnsafeMutablePointer<Float>
    /// `(widest dense output, slots)` transposed gradient.
    let transposed: UnsafeMutablePointer<Float>
    /// Per-sample spatial gradients, ping-ponged, each the largest spatial tensor.
    let spatialGradA: UnsafeMutablePointer<Float>
    let spatialGradB: UnsafeMutablePointer<Float>
    /// Column gradient for the widest conv step.
    let columnGrad: UnsafeMutablePointer<Float>
    /// The worker's parameter gradients, `parameterCount` floats.
    let gradients: UnsafeMutablePointer<Float>
    /// `(slots, classes)` probabilities.
    let probabilities: UnsafeMutablePointer<Float>

    private var allocations: [UnsafeMutableRawPointer] = []

    init(plan: TrainingPlan, slots: Int) {
        self.plan = plan
        self.slots = slots
        var allocations: [UnsafeMutableRawPointer] = []
        func floats(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0, count: max(n, 1))
            allocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        input = floats(slots * plan.inputCount)
        outputs = plan.steps.map { floats(slots * $0.outputCount) }
        columns = plan.steps.map { step in
            if case let .conv(c, _, _, _, k, _, _, ho, wo, _, _, _) = step { return floats(slots * c * k * k * ho * wo) }
            return floats(1)
        }
        argmax = plan.steps.map { step in
            let n = step.isSpatial ? slots * step.outputCount : 1
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0, count: max(n, 1))
            allocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        let denseWidth = plan.steps.filter { !$0.isSpatial }.map { max($0.inputCount, $0.outputCount) }.max() ?? 1
        denseGradA = floats(slots * denseWidth)
        denseGradB = floats(slots * denseWidth)
        transposed = floats(slots * denseWidth)
        let spatialWidth = plan.steps.filter(\.isSpatial).map { max($0.inputCount, $0.outputCount) }.max() ?? 1
        spatialGradA = floats(spatialWidth)
        spatialGradB = floats(spatialWidth)
        let columnWidth =
            plan.steps.map { step -> Int in
                if case let .conv(c, _, _, _, k, _, _, ho, wo, _, _, _) = step { return c * k * k * ho * wo }
                return 1
            }.max() ?? 1
        columnGrad = floats(columnWidth)
        gradients = floats(plan.parameterCount)
        probabilities = floats(slots * plan.classes)
        self.allocations = allocations
    }

    deinit {
        for p in allocations { p.deallocate() }
    }
}

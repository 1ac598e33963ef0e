/// Evaluation without a trace: images go through the spatial stages one at a time in two
/// small reused buffers (the same kernels as `Network.forward`), their flattened outputs
/// gather into a `(batch, features)` matrix, and every dense layer then runs once for the
/// whole batch (`Kernels.denseBatch`, each weight row read once per four images). The
/// probabilities are bit-identical to `Network.forward(_:).probabilities` for each image.
///
/// Owns its buffers and a private copy of the network: make one per thread.
public final class BatchedInference {
    /// The network as built (a private copy: no reference counts shared with other threads).
    public let network: Network
    /// Images per dense pass.
    public let batch: Int
    /// The operations in order (stages flattened), and where the per-image part ends.
    private let operations: [Operation]
    private let shapes: [[Int]]
    private let firstBatched: Int
    private let inputCount: Int
    /// Outputs of the network (classes).
    public let classes: Int
    private let spatialA: UnsafeMutablePointer<Float>
    private let spatialB: UnsafeMutablePointer<Float>
    private let scratch: UnsafeMutablePointer<Float>
    private let denseA: UnsafeMutablePointer<Float>
    private let denseB: UnsafeMutablePointer<Float>

    /// Whether every operation of `network` has a batched path (else use `Network.forward`).
    public static func supports(_ network: Network) -> Bool {
        network.stages.allSatisfy { $0.operations.allSatisfy(isSupported) }
    }

    private static func isSupported(_ op: Operation) -> Bool {
        if case .conv2D = op { return true }
        if case .relu = op { return true }
        if case .maxPool2D = op { return true }
        if case .flatten = op { return true }
        if case .dense = op { return true }
        if case .softmax = op { return true }
        return false
    }

    /// Buffers for `batch` images of `network`; nil when `supports(network)` is false.
    public init?(network: Network, batch: Int = 64) {
        guard Self.supports(network), batch >= 1 else { return nil }
        // A deep copy of the weights: sharing arrays across threads would bounce their
        // reference counts between cores on every pass.
        var copy = network
        copy.deepCopyParameters()
        self.network = copy
        self.batch = batch
        let ops = copy.stages.flatMap(\.operations)
        var shapes = [copy.inputShape]
        for op in ops { shapes.append(op.outputShape(shapes[shapes.count - 1])) }
        self.operations = ops
        self.shapes = shapes
        // The per-image part: everything up to the first dense layer.
        var first = ops.count
        for (i, op) in ops.enumerated() {
            if case .dense = op {
                first = i
                break
            }
        }
        self.firstBatched = first
        self.inputCount = copy.inputShape.reduce(1, *)
        self.classes = shapes[shapes.count - 1].reduce(1, *)
        let spatialWidth = shapes[0...first].map { $0.reduce(1, *) }.max() ?? 1
        var scratchWidth = 1
        for (i, op) in ops[..<first].enumerated() {
            if case let .conv2D(c) = op {
                scratchWidth = Swift.max(scratchWidth, c.directScratchCount(height: shapes[i][1], width: shapes[i][2]))
            }
        }
        let denseWidth = shapes[first...].map { $0.reduce(1, *) }.max() ?? 1
        func floats(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(n, 1))
            p.initialize(repeating: 0, count: Swift.max(n, 1))
            return p
        }
        spatialA = floats(spatialWidth)
        spatialB = floats(spatialWidth)
        scratch = floats(scratchWidth)
        denseA = floats(batch * denseWidth)
        denseB = floats(batch * denseWidth)
    }

    deinit {
        for p in [spatialA, spatialB, scratch, denseA, denseB] { p.deallocate() }
    }

    /// Class probabilities of `count` images: images (count, C·H·W) with values in [0,1] →
    /// probabilities (count, classes). Any count; runs in chunks of `batch`.
    public func probabilities(_ images: UnsafePointer<Float>, count: Int, into probabilities: UnsafeMutablePointer<Float>) {
        var start = 0
        while start < count {
            let n = Swift.min(batch, count - start)
            runChunk(images + start * inputCount, count: n, into: probabilities + start * classes)
            start += n
        }
    }

    /// Predicted class (first maximum, as `Trace.prediction`) of `count` images (count, C·H·W).
    public func predictions(_ images: UnsafePointer<Float>, count: Int, into predicted: UnsafeMutablePointer<Int>) {
        let probs = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(batch * classes, 1))
        defer { probs.deallocate() }
        var start = 0
        while start < count {
            let n = Swift.min(batch, count - start)
            runChunk(images + start * inputCount, count: n, into: probs)
            for b in 0..<n {
                let row = probs + b * classes
                var best = 0
                for j in 0..<classes where row[j] > row[best] { best = j }
                predicted[start + b] = best
            }
            start += n
        }
    }

    /// Up to `batch` images: the per-image stages into rows of `denseA`, then the batched ones.
    private func runChunk(_ images: UnsafePointer<Float>, count n: Int, into out: UnsafeMutablePointer<Float>) {
        let features = shapes[firstBatched].reduce(1, *)
        for b in 0..<n {
            let last = runSpatial(images + b * inputCount)
            (denseA + b * features).update(from: last, count: features)
        }
        var x = denseA, y = denseB
        var width = features
        for i in firstBatched..<operations.count {
            let op = operations[i]
            let outWidth = shapes[i + 1].reduce(1, *)
            if case let .dense(d) = op {
                d.weight.withUnsafeBufferPointer { w in
                    d.bias.withUnsafeBufferPointer { bias in
                        Kernels.denseBatch(
                            input: x, count: n, inputs: d.inputs, weight: w.baseAddress!, bias: bias.baseAddress!,
                            outputs: d.outputs, output: y)
                    }
                }
                swap(&x, &y)
            } else if case .relu = op {
                Kernels.relu(x, count: n * width)
            } else if case .softmax = op {
                for b in 0..<n { Kernels.softmax(x + b * width, count: width, output: y + b * width) }
                swap(&x, &y)
            }
            width = outWidth
        }
        out.update(from: x, count: n * classes)
    }

    /// One image through the per-image operations; returns the buffer holding the result.
    private func runSpatial(_ image: UnsafePointer<Float>) -> UnsafePointer<Float> {
        var x = spatialA, y = spatialB
        x.update(from: image, count: inputCount)
        network.normalization.apply(x, count: inputCount)
        for i in 0..<firstBatched {
            let op = operations[i]
            let shape = shapes[i]
            if case let .conv2D(c) = op {
                c.direct(input: x, height: shape[1], width: shape[2], output: y, scratch: scratch)
                swap(&x, &y)
            } else if case .relu = op {
                Kernels.relu(x, count: shape.reduce(1, *))
            } else if case let .maxPool2D(window, stride) = op {
                Kernels.maxPool2D(
                    input: x, channels: shape[0], height: shape[1], width: shape[2], window: window, stride: stride,
                    output: y, argmax: nil)
                swap(&x, &y)
            } else if case .softmax = op {
                let count = shape.reduce(1, *)
                Kernels.softmax(x, count: count, output: y)
                swap(&x, &y)
            }
            // flatten: the buffer is already in (C,H,W) order
        }
        return UnsafePointer(x)
    }
}

extension Network {
    /// Gives every learned array its own storage (for a copy used on another thread).
    mutating func deepCopyParameters() {
        var tensors: [String: Tensor] = [:]
        for (name, shape, values) in namedParameters { tensors[name] = Tensor(shape: shape, data: values.map { $0 }) }
        // Names and shapes come from `self`, so loading cannot fail.
        try? load(tensors, source: "a private copy")
    }
}

extension Kernels {
    /// Dense layer over a batch: x (B,In), weight (Out,In), bias (Out) → y (B,Out). Each
    /// output is computed exactly as `dense` computes it (8-lane partial sums, the same
    /// horizontal sum, the same scalar tail, then the bias), so rows are bit-identical to
    /// `dense` on one image; four images × three weight rows share every load.
    /// Images go eight at a time (their rows stay in L1 while the weights stream past once).
    @inlinable
    public static func denseBatch(
        input: UnsafePointer<Float>, count b: Int, inputs: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        outputs: Int, output: UnsafeMutablePointer<Float>
    ) {
        var r = 0
        while r < b {
            let n = Swift.min(8, b - r)
            denseTile(
                input: input + r * inputs, count: n, inputs: inputs, weight: weight, bias: bias, outputs: outputs,
                output: output + r * outputs)
            r += n
        }
    }

    /// `denseBatch` on one tile of images: x (B,In) → y (B,Out).
    @inlinable
    static func denseTile(
        input: UnsafePointer<Float>, count b: Int, inputs: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        outputs: Int, output: UnsafeMutablePointer<Float>
    ) {
        let i8 = inputs & ~7
        var o = 0
        while o + 3 <= outputs {
            let w0 = weight + o * inputs, w1 = w0 + inputs, w2 = w1 + inputs
            var r = 0
            while r + 4 <= b {
                let x0 = input + r * inputs, x1 = x0 + inputs, x2 = x1 + inputs, x3 = x2 + inputs
                var s00 = SIMD8<Float>(), s01 = s00, s02 = s00, s10 = s00, s11 = s00, s12 = s00
                var s20 = s00, s21 = s00, s22 = s00, s30 = s00, s31 = s00, s32 = s00
                var i = 0
                while i < i8 {
                    let a0 = GEMM.load8(w0 + i), a1 = GEMM.load8(w1 + i), a2 = GEMM.load8(w2 + i)
                    var x = GEMM.load8(x0 + i)
                    s00 = madd(s00, a0, x); s01 = madd(s01, a1, x); s02 = madd(s02, a2, x)
                    x = GEMM.load8(x1 + i)
                    s10 = madd(s10, a0, x); s11 = madd(s11, a1, x); s12 = madd(s12, a2, x)
                    x = GEMM.load8(x2 + i)
                    s20 = madd(s20, a0, x); s21 = madd(s21, a1, x); s22 = madd(s22, a2, x)
                    x = GEMM.load8(x3 + i)
                    s30 = madd(s30, a0, x); s31 = madd(s31, a1, x); s32 = madd(s32, a2, x)
                    i += 8
                }
                finishDense(s00, s01, s02, x0, w0, w1, w2, from: i8, inputs, bias + o, output + r * outputs + o)
                finishDense(s10, s11, s12, x1, w0, w1, w2, from: i8, inputs, bias + o, output + (r + 1) * outputs + o)
                finishDense(s20, s21, s22, x2, w0, w1, w2, from: i8, inputs, bias + o, output + (r + 2) * outputs + o)
                finishDense(s30, s31, s32, x3, w0, w1, w2, from: i8, inputs, bias + o, output + (r + 3) * outputs + o)
                r += 4
            }
            while r < b {
                let x0 = input + r * inputs
                var s0 = SIMD8<Float>(), s1 = s0, s2 = s0
                var i = 0
                while i < i8 {
                    let x = GEMM.load8(x0 + i)
                    s0 = madd(s0, GEMM.load8(w0 + i), x); s1 = madd(s1, GEMM.load8(w1 + i), x)
                    s2 = madd(s2, GEMM.load8(w2 + i), x)
                    i += 8
                }
                finishDense(s0, s1, s2, x0, w0, w1, w2, from: i8, inputs, bias + o, output + r * outputs + o)
                r += 1
            }
            o += 3
        }
        while o < outputs {
            let wr = weight + o * inputs
            for r in 0..<b {
                let xr = input + r * inputs
                var s = SIMD8<Float>()
                var i = 0
                while i < i8 { s = madd(s, GEMM.load8(wr + i), GEMM.load8(xr + i)); i += 8 }
                var sum = s.sum()
                while i < inputs { sum += wr[i] * xr[i]; i += 1 }
                output[r * outputs + o] = sum + bias[o]
            }
            o += 1
        }
    }

    /// The end of three dot products of `denseBatch`: horizontal sums, scalar tails, bias.
    @inlinable @inline(__always)
    static func finishDense(
        _ s0: SIMD8<Float>, _ s1: SIMD8<Float>, _ s2: SIMD8<Float>, _ x: UnsafePointer<Float>,
        _ w0: UnsafePointer<Float>, _ w1: UnsafePointer<Float>, _ w2: UnsafePointer<Float>,
        from start: Int, _ inputs: Int, _ bias: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>
    ) {
        var r0 = s0.sum(), r1 = s1.sum(), r2 = s2.sum()
        var i = start
        while i < inputs {
            let v = x[i]
            r0 += w0[i] * v; r1 += w1[i] * v; r2 += w2[i] * v
            i += 1
        }
        out[0] = r0 + bias[0]; out[1] = r1 + bias[1]; out[2] = r2 + bias[2]
    }
}

import DigitNet
import Support

#if canImport(Glibc)
    import Glibc
#endif

extension Workspace {
    /// Step `j` forward over the `count` samples (any step but a batch norm, which runs in
    /// two phases: ``normSums(_:)`` and ``normApply(_:parameters:mean:invStd:)``).
    /// `transposedWeight` is a conv step's weight `(F, C·K·K)` transposed to `(C·K·K, F)`
    /// (its product's last columns run eight filters at a time from it).
    func forward(_ j: Int, parameters p: UnsafePointer<Float>, transposedWeight: UnsafePointer<Float>? = nil) {
        let step = plan.steps[j]
        let n = count
        let x = UnsafePointer(stepInput(j))
        let y = outputs[j]
        let inCount = step.inputCount, outCount = step.outputCount
        switch step {
        case let .conv(s):
            let nCols = s.ho * s.wo
            for i in 0..<n {
                let col = columns(j, sample: i, s)
                let out = y + i * outCount
                if orderReference {
                    Kernels.im2col(
                        input: x + i * inCount, channels: s.c, height: s.h, width: s.w, kernel: s.k, stride: s.stride,
                        padding: s.padding, columns: col)
                } else {
                    TrainingKernels.im2col(
                        input: x + i * inCount, channels: s.c, height: s.h, width: s.w, kernel: s.k, stride: s.stride,
                        padding: s.padding, columns: col, padded: padded)
                }
                for fi in 0..<s.f { (out + fi * nCols).update(repeating: s.bias.map { p[$0 + fi] } ?? 0, count: nCols) }
                let k = s.c * s.k * s.k
                if orderReference {
                    GEMM.blockedByRows(p + s.weight, col, out, m: s.f, n: nCols, k: k, accumulate: true)
                } else if let wt = transposedWeight {
                    TrainingKernels.gemm(p + s.weight, transposed: wt, col, out, m: s.f, n: nCols, k: k, accumulate: true)
                } else {
                    GEMM.blocked(p + s.weight, col, out, m: s.f, n: nCols, k: k, accumulate: true)
                }
            }
        case let .maxPool(s):
            if j > 0 && fusedReLU[j - 1] {
                // The ReLU before is this step's: read its input.
                let r = UnsafePointer(stepInput(j - 1))
                for i in 0..<n {
                    TrainingKernels.reluMaxPool2x2(
                        input: r + i * inCount, channels: s.c, height: s.h, width: s.w, output: y + i * outCount,
                        argmax: argmax[j] + i * outCount)
                }
                return
            }
            if !orderReference && s.window == 2 && s.stride == 2 {
                for i in 0..<n {
                    TrainingKernels.maxPool2x2(
                        input: x + i * inCount, channels: s.c, height: s.h, width: s.w, output: y + i * outCount,
                        argmax: argmax[j] + i * outCount)
                }
                return
            }
            for i in 0..<n {
                Kernels.maxPool2D(
                    input: x + i * inCount, channels: s.c, height: s.h, width: s.w, window: s.window, stride: s.stride,
                    output: y + i * outCount, argmax: argmax[j] + i * outCount)
            }
        case let .avgPool(s):
            for i in 0..<n {
                LayerKernels.avgPool2D(
                    input: x + i * inCount, channels: s.c, height: s.h, width: s.w, window: s.window, stride: s.stride,
                    output: y + i * outCount)
            }
        case let .dense(d):
            // (n, In) · Wᵀ (In, Out) → (n, Out)
            for i in 0..<n {
                let row = y + i * d.outputs
                if let b = d.bias { row.update(from: p + b, count: d.outputs) } else { row.update(repeating: 0, count: d.outputs) }
            }
            if orderReference {
                GEMM.dotRowsByRow(x, p + d.weight, y, m: n, n: d.outputs, k: d.inputs, accumulate: true)
            } else {
                TrainingKernels.dotRows(x, p + d.weight, y, m: n, n: d.outputs, k: d.inputs, accumulate: true)
            }
        case .relu:
            if fusedReLU[j] { return }  // run by the pooling after it
            if orderReference {
                y.update(from: x, count: n * outCount)
                Kernels.relu(y, count: n * outCount)
            } else {
                TrainingKernels.relu(x, y, count: n * outCount)
            }
        case .tanh:
            y.update(from: x, count: n * outCount)
            LayerKernels.tanh(y, count: n * outCount)
        case .sigmoid:
            y.update(from: x, count: n * outCount)
            LayerKernels.sigmoid(y, count: n * outCount)
        case let .dropout(probability, _):
            let mask = saved[j]
            let keep = 1 / (1 - probability)
            // Uniform 24-bit draws; a value survives when its draw is at least p.
            let threshold = UInt64((Double(probability) * Double(1 << 24)).rounded(.up))
            for i in 0..<n {
                var rng = SplitMix64(seed: sampleKeys[i] ^ (UInt64(j + 1) &* 0xD6E8_FEB8_6659_FD93))
                let m = mask + i * outCount, xi = x + i * outCount, yi = y + i * outCount
                for e in 0..<outCount {
                    m[e] = (rng.next() >> 40) >= threshold ? keep : 0
                    yi[e] = xi[e] * m[e]
                }
            }
        case .batchNorm:
            preconditionFailure("batch norm runs through normSums and normApply")
        }
    }

    /// Batch norm step `j`, phase 1: per channel, the sum and the sum of squares of this
    /// worker's inputs into `partial` `(2, C)`.
    func normSums(_ j: Int) {
        guard case let .batchNorm(s) = plan.steps[j] else { return }
        let x = stepInput(j)
        for c in 0..<s.channels {
            var sum = 0.0, squares = 0.0
            for i in 0..<count {
                let base = x + i * s.channels * s.spatial + c * s.spatial
                for e in 0..<s.spatial {
                    let v = Double(base[e])
                    sum += v
                    squares += v * v
                }
            }
            partial[c] = sum
            partial[s.channels + c] = squares
        }
    }

    /// Batch norm step `j`, phase 2: x̂ = (x − mean)·invStd (kept for backprop) and
    /// y = weight·x̂ + bias, with the whole batch's `mean` and `invStd` `(C)`.
    func normApply(_ j: Int, parameters p: UnsafePointer<Float>, mean: UnsafePointer<Float>, invStd: UnsafePointer<Float>) {
        guard case let .batchNorm(s) = plan.steps[j] else { return }
        let x = stepInput(j), xhat = saved[j], y = outputs[j]
        for i in 0..<count {
            for c in 0..<s.channels {
                let o = i * s.channels * s.spatial + c * s.spatial
                let gamma = p[s.weight + c], beta = p[s.bias + c]
                for e in o..<(o + s.spatial) {
                    let h = (x[e] - mean[c]) * invStd[c]
                    xhat[e] = h
                    y[e] = gamma * h + beta
                }
            }
        }
    }

    /// Softmax cross-entropy of the last step's output against `labels`; leaves
    /// dL/d(logits) = (P − onehot)·`scale` in `grad`. Returns the summed loss and the number
    /// of correct predictions.
    func loss(scale: Float) -> (loss: Double, correct: Int) {
        let classes = plan.classes
        let logits = outputs[plan.steps.count - 1]
        var loss: Double = 0
        var correct = 0
        for s in 0..<count {
            let row = logits + s * classes
            let prob = probabilities + s * classes
            Kernels.softmax(row, count: classes, output: prob)
            let label = Int(labels[s])
            loss -= Double(logf(Swift.max(prob[label], 1e-12)))
            var best = 0
            for c in 1..<classes where row[c] > row[best] { best = c }
            if best == label { correct += 1 }
            let g = grad + s * classes
            for c in 0..<classes { g[c] = (prob[c] - (c == label ? 1 : 0)) * scale }
        }
        return (loss, correct)
    }
}

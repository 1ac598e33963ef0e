import DigitNet

extension Workspace {
    /// Step `j` backward (any step but a batch norm): `grad` holds dL/d(output of step j),
    /// `(count, outputCount)`; parameter gradients are added into `gradients`; when
    /// `needInput`, dL/d(input of step j) replaces `grad` (the buffers swap).
    /// `transposedWeight` is a conv step's weight `(F, C·K·K)` transposed to `(C·K·K, F)`.
    func backward(_ j: Int, parameters p: UnsafePointer<Float>, transposedWeight: UnsafePointer<Float>?, needInput: Bool) {
        let step = plan.steps[j]
        let n = count
        let x = UnsafePointer(stepInput(j))
        let y = UnsafePointer(outputs[j])
        let g = grad, gIn = spare
        let inCount = step.inputCount, outCount = step.outputCount
        switch step {
        case let .conv(s):
            let nCols = s.ho * s.wo
            let patch = s.c * s.k * s.k
            for i in 0..<n {
                let gi = g + i * outCount
                let col = columns(j, sample: i, s)
                if !orderReference {
                    TrainingKernels.im2col(
                        input: x + i * inCount, channels: s.c, height: s.h, width: s.w, kernel: s.k, stride: s.stride,
                        padding: s.padding, columns: col, padded: padded)
                }
                // dW (F, CKK) += dZ (F, N) · colᵀ (N, CKK)
                if orderReference {
                    GEMM.dotRowsByRow(gi, col, gradients + s.weight, m: s.f, n: patch, k: nCols, accumulate: true)
                } else {
                    TrainingKernels.dotRows(gi, col, gradients + s.weight, m: s.f, n: patch, k: nCols, accumulate: true)
                }
                if let b = s.bias, !orderReference {
                    TrainingKernels.addRowSums(gi, count: s.f, length: nCols, into: gradients + b)
                } else if let b = s.bias {
                    for fi in 0..<s.f {
                        var sum: Float = 0
                        let row = gi + fi * nCols
                        for e in 0..<nCols { sum += row[e] }
                        gradients[b + fi] += sum
                    }
                }
                if needInput, let wt = transposedWeight {
                    // dcol (CKK, N) = Wᵀ (CKK, F) · dZ (F, N), then fold back to (C,H,W).
                    if orderReference {
                        GEMM.blockedByRows(wt, gi, columnGrad, m: patch, n: nCols, k: s.f, accumulate: false)
                    } else {
                        // Its last columns run eight rows at a time from Wᵀᵀ = W (F, CKK).
                        TrainingKernels.gemm(
                            wt, transposed: p + s.weight, gi, columnGrad, m: patch, n: nCols, k: s.f, accumulate: false)
                    }
                    if orderReference {
                        Kernels.col2im(
                            columns: columnGrad, channels: s.c, height: s.h, width: s.w, kernel: s.k, stride: s.stride,
                            padding: s.padding, input: gIn + i * inCount)
                    } else if TrainingKernels.col2imNarrowFits(width: s.w, stride: s.stride, padding: s.padding) {
                        TrainingKernels.col2imNarrow(
                            columns: columnGrad, channels: s.c, height: s.h, width: s.w, kernel: s.k, padding: s.padding,
                            input: gIn + i * inCount)
                    } else {
                        TrainingKernels.col2im(
                            columns: columnGrad, channels: s.c, height: s.h, width: s.w, kernel: s.k, stride: s.stride,
                            padding: s.padding, input: gIn + i * inCount)
                    }
                }
            }
        case let .maxPool(s):
            guard needInput else { return }
            if j > 0 && fusedReLU[j - 1] {
                // Through the pooling and the ReLU before it (whose backward then does nothing).
                let r = UnsafePointer(stepInput(j - 1))
                for i in 0..<n {
                    TrainingKernels.reluMaxPool2x2Backward(
                        g + i * outCount, argmax: argmax[j] + i * outCount, input: r + i * inCount, channels: s.c,
                        height: s.h, width: s.w, into: gIn + i * inCount)
                }
                break
            }
            gIn.update(repeating: 0, count: n * inCount)
            for i in 0..<n {
                let arg = argmax[j] + i * outCount, gi = g + i * outCount, dst = gIn + i * inCount
                for o in 0..<outCount { dst[Int(arg[o])] += gi[o] }
            }
        case let .avgPool(s):
            guard needInput else { return }
            gIn.update(repeating: 0, count: n * inCount)
            let share = 1 / Float(s.window * s.window)
            for i in 0..<n {
                let gi = g + i * outCount, dst = gIn + i * inCount
                for ci in 0..<s.c {
                    for oy in 0..<s.ho {
                        for ox in 0..<s.wo {
                            let v = gi[(ci * s.ho + oy) * s.wo + ox] * share
                            for dy in 0..<s.window {
                                let row = dst + (ci * s.h + oy * s.stride + dy) * s.w + ox * s.stride
                                for dx in 0..<s.window { row[dx] += v }
                            }
                        }
                    }
                }
            }
        case let .dense(d):
            // dW (Out,In) += gradᵀ (Out,n) · X (n,In)
            GEMM.transpose(g, transposed, rows: n, cols: d.outputs)
            if orderReference {
                GEMM.blockedByRows(transposed, x, gradients + d.weight, m: d.outputs, n: d.inputs, k: n, accumulate: true)
            } else {
                GEMM.blocked(transposed, x, gradients + d.weight, m: d.outputs, n: d.inputs, k: n, accumulate: true)
            }
            if let b = d.bias {
                for i in 0..<n {
                    let gi = g + i * d.outputs
                    for o in 0..<d.outputs { gradients[b + o] += gi[o] }
                }
            }
            // dX (n,In) = grad (n,Out) · W (Out,In)
            if needInput {
                if orderReference {
                    GEMM.blockedByRows(g, p + d.weight, gIn, m: n, n: d.inputs, k: d.outputs, accumulate: false)
                } else {
                    GEMM.blocked(g, p + d.weight, gIn, m: n, n: d.inputs, k: d.outputs, accumulate: false)
                }
            }
        case .relu:
            guard needInput, !fusedReLU[j] else { return }
            if orderReference {
                for e in 0..<(n * outCount) { gIn[e] = y[e] > 0 ? g[e] : 0 }
            } else {
                TrainingKernels.reluBackward(y, g, gIn, count: n * outCount)
            }
        case .tanh:
            guard needInput else { return }
            for e in 0..<(n * outCount) { gIn[e] = g[e] * (1 - y[e] * y[e]) }
        case .sigmoid:
            guard needInput else { return }
            for e in 0..<(n * outCount) { gIn[e] = g[e] * y[e] * (1 - y[e]) }
        case .dropout:
            guard needInput else { return }
            let mask = saved[j]
            for e in 0..<(n * outCount) { gIn[e] = g[e] * mask[e] }
        case .batchNorm:
            preconditionFailure("batch norm runs through normGradientSums and normBackward")
        }
        if needInput { swap(&grad, &spare) }
    }

    /// Batch norm step `j` backward, phase 1: per channel, Σ dy and Σ dy·x̂ over this worker's
    /// samples into `partial` `(2, C)`, and the same sums added to the gradients of the
    /// shift (β) and the scale (γ).
    func normGradientSums(_ j: Int) {
        guard case let .batchNorm(s) = plan.steps[j] else { return }
        let xhat = saved[j]
        for c in 0..<s.channels {
            var sumDy = 0.0, sumDyXhat = 0.0
            for i in 0..<count {
                let o = i * s.channels * s.spatial + c * s.spatial
                for e in o..<(o + s.spatial) {
                    sumDy += Double(grad[e])
                    sumDyXhat += Double(grad[e]) * Double(xhat[e])
                }
            }
            partial[c] = sumDy
            partial[s.channels + c] = sumDyXhat
            gradients[s.bias + c] += Float(sumDy)
            gradients[s.weight + c] += Float(sumDyXhat)
        }
    }

    /// Batch norm step `j` backward, phase 2, with the whole batch's per-channel `invStd`,
    /// `sumDy` and `sumDyXhat` over `m` values per channel:
    /// dx = γ·invStd/m · (m·dy − Σdy − x̂·Σdy·x̂). Replaces `grad` with dL/dx.
    func normBackward(
        _ j: Int, parameters p: UnsafePointer<Float>, invStd: UnsafePointer<Float>, sumDy: UnsafePointer<Float>,
        sumDyXhat: UnsafePointer<Float>, m: Int
    ) {
        guard case let .batchNorm(s) = plan.steps[j] else { return }
        let xhat = saved[j]
        let total = Float(m)
        for i in 0..<count {
            for c in 0..<s.channels {
                let o = i * s.channels * s.spatial + c * s.spatial
                let k = p[s.weight + c] * invStd[c] / total
                for e in o..<(o + s.spatial) {
                    spare[e] = k * (total * grad[e] - sumDy[c] - xhat[e] * sumDyXhat[c])
                }
            }
        }
        swap(&grad, &spare)
    }
}

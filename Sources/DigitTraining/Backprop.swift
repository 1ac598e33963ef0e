import DigitNet

#if canImport(Glibc)
    import Glibc
#endif

extension Workspace {
    /// Forward and backward pass over the first `n` slots of `input`, adding parameter
    /// gradients of `mean-over-batch` softmax cross-entropy into `gradients` (which the caller
    /// zeroes). `scale` is 1/(full batch size). `transposedConv[j]` is step j's weight `(F,CKK)`
    /// transposed to `(CKK,F)`. Returns the summed loss and number of correct predictions.
    func forwardBackward(
        parameters p: UnsafePointer<Float>, transposedConv: [UnsafePointer<Float>?],
        labels: UnsafePointer<UInt8>, n: Int, scale: Float
    ) -> (loss: Double, correct: Int) {
        let steps = plan.steps
        let firstDense = plan.firstDense

        // MARK: Spatial forward, one sample at a time.
        for s in 0..<n {
            var x = UnsafePointer(input + s * plan.inputCount)
            for j in 0..<firstDense {
                let out = outputs[j] + s * steps[j].outputCount
                switch steps[j] {
                case let .conv(c, h, w, f, k, stride, padding, ho, wo, wOff, bOff, relu):
                    let nCols = ho * wo
                    let col = columns[j] + s * c * k * k * nCols
                    Kernels.im2col(input: x, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, columns: col)
                    for fi in 0..<f { (out + fi * nCols).update(repeating: p[bOff + fi], count: nCols) }
                    GEMM.blocked(p + wOff, col, out, m: f, n: nCols, k: c * k * k, accumulate: true)
                    if relu { Kernels.relu(out, count: f * nCols) }
                case let .pool(c, h, w, window, stride, _, _):
                    Kernels.maxPool2D(
                        input: x, channels: c, height: h, width: w, window: window, stride: stride,
                        output: out, argmax: argmax[j] + s * steps[j].outputCount)
                case .dense:
                    break
                }
                x = UnsafePointer(out)
            }
        }

        // MARK: Dense forward on the sub-batch, (n, In) → (n, Out).
        for j in firstDense..<steps.count {
            guard case let .dense(inputs, outs, wOff, bOff, relu) = steps[j] else { continue }
            let x = j == 0 ? UnsafePointer(input) : UnsafePointer(outputs[j - 1])
            let y = outputs[j]
            for s in 0..<n { (y + s * outs).update(from: p + bOff, count: outs) }
            GEMM.dotRows(x, p + wOff, y, m: n, n: outs, k: inputs, accumulate: true)
            if relu { Kernels.relu(y, count: n * outs) }
        }

        // MARK: Softmax cross-entropy; gradient (P − onehot)·scale into denseGradA.
        let classes = plan.classes
        let logits = outputs[steps.count - 1]
        var loss: Double = 0
        var correct = 0
        for s in 0..<n {
            let row = logits + s * classes
            let prob = probabilities + s * classes
            Kernels.softmax(row, count: classes, output: prob)
            let label = Int(labels[s])
            loss -= Double(logf(Swift.max(prob[label], 1e-12)))
            var best = 0
            for c in 1..<classes where row[c] > row[best] { best = c }
            if best == label { correct += 1 }
            let g = denseGradA + s * classes
            for c in 0..<classes { g[c] = (prob[c] - (c == label ? 1 : 0)) * scale }
        }

        // MARK: Dense backward. `grad` holds dL/d(output of step j), (n, Out).
        var grad = denseGradA
        var spare = denseGradB
        for j in stride(from: steps.count - 1, through: firstDense, by: -1) {
            guard case let .dense(inputs, outs, wOff, bOff, relu) = steps[j] else { continue }
            if relu {
                let y = outputs[j]
                for i in 0..<(n * outs) where y[i] <= 0 { grad[i] = 0 }
            }
            let x = j == 0 ? UnsafePointer(input) : UnsafePointer(outputs[j - 1])
            // dW (Out,In) += gradᵀ (Out,n) · X (n,In)
            GEMM.transpose(grad, transposed, rows: n, cols: outs)
            GEMM.blocked(transposed, x, gradients + wOff, m: outs, n: inputs, k: n, accumulate: true)
            // db (Out) += column sums of grad
            for s in 0..<n {
                let g = grad + s * outs
                for o in 0..<outs { gradients[bOff + o] += g[o] }
            }
            // dX (n,In) = grad (n,Out) · W (Out,In)
            if j > 0 {
                GEMM.blocked(grad, p + wOff, spare, m: n, n: inputs, k: outs, accumulate: false)
                swap(&grad, &spare)
            }
        }
        guard firstDense > 0 else { return (loss, correct) }

        // MARK: Spatial backward, one sample at a time.
        let flatCount = steps[firstDense - 1].outputCount
        for s in 0..<n {
            var g = spatialGradA
            var gIn = spatialGradB
            g.update(from: grad + s * flatCount, count: flatCount)
            for j in stride(from: firstDense - 1, through: 0, by: -1) {
                switch steps[j] {
                case let .conv(c, h, w, f, k, stride, padding, ho, wo, wOff, bOff, relu):
                    let nCols = ho * wo
                    let out = outputs[j] + s * f * nCols
                    if relu { for i in 0..<(f * nCols) where out[i] <= 0 { g[i] = 0 } }
                    let col = columns[j] + s * c * k * k * nCols
                    // dW (F, CKK) += dZ (F, N) · colᵀ (N, CKK)
                    GEMM.dotRows(g, col, gradients + wOff, m: f, n: c * k * k, k: nCols, accumulate: true)
                    for fi in 0..<f {
                        var sum: Float = 0
                        let row = g + fi * nCols
                        for i in 0..<nCols { sum += row[i] }
                        gradients[bOff + fi] += sum
                    }
                    if j > 0, let wt = transposedConv[j] {
                        // dcol (CKK, N) = Wᵀ (CKK, F) · dZ (F, N), then fold back to (C,H,W).
                        GEMM.blocked(wt, g, columnGrad, m: c * k * k, n: nCols, k: f, accumulate: false)
                        Kernels.col2im(
                            columns: columnGrad, channels: c, height: h, width: w, kernel: k,
                            stride: stride, padding: padding, input: gIn)
                        swap(&g, &gIn)
                    }
                case let .pool(c, h, w, _, _, ho, wo):
                    gIn.update(repeating: 0, count: c * h * w)
                    let arg = argmax[j] + s * c * ho * wo
                    for o in 0..<(c * ho * wo) { gIn[Int(arg[o])] += g[o] }
                    swap(&g, &gIn)
                case .dense:
                    break
                }
            }
        }
        return (loss, correct)
    }
}

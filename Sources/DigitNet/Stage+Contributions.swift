extension Stage {
    /// The receptive field of output `unit` of this stage with what each cell contributes:
    /// for a dense stage every input × its weight, for a convolution the K×K×C window (cells
    /// in the padding are left out), for max pooling the window's largest input, for average pooling every window cell / K². `input` is
    /// the activation the stage reads, of shape `inputShape` (`(C,H,W)`, or any shape for a
    /// dense stage). Empty for an out-of-range unit or a stage with none of these operations.
    ///
    /// Shapes: dense input (In) → unit in 0..<Out; conv input (C,H,W) → unit = (f·H' + y)·W' + x.
    public func contributions(to unit: Int, input: [Float], inputShape: [Int]) -> [Contribution] {
        if let d = dense {
            guard input.count == d.inputs, unit >= 0, unit < d.outputs else { return [] }
            return (0..<d.inputs).map { i in
                let w = unit * d.inputs + i
                return Contribution(input: i, weight: w, value: Double(d.weight[w]) * Double(input[i]))
            }
        }
        guard inputShape.count == 3, input.count == inputShape.reduce(1, *) else { return [] }
        let (h, w) = (inputShape[1], inputShape[2])
        if let c = conv {
            let out = c.outputShape(inputShape)
            guard inputShape[0] == c.inChannels, unit >= 0, unit < out.reduce(1, *) else { return [] }
            let (oh, ow) = (out[1], out[2])
            let f = unit / (oh * ow), oy = (unit % (oh * ow)) / ow, ox = unit % ow
            var terms: [Contribution] = []
            for ch in 0..<c.inChannels {
                for ky in 0..<c.kernel {
                    let iy = oy * c.stride + ky - c.padding
                    guard iy >= 0 && iy < h else { continue }
                    for kx in 0..<c.kernel {
                        let ix = ox * c.stride + kx - c.padding
                        guard ix >= 0 && ix < w else { continue }
                        let wi = ((f * c.inChannels + ch) * c.kernel + ky) * c.kernel + kx
                        let ii = (ch * h + iy) * w + ix
                        terms.append(Contribution(input: ii, weight: wi, value: Double(c.weight[wi]) * Double(input[ii])))
                    }
                }
            }
            return terms
        }
        for case let .maxPool2D(window, stride) in operations {
            let out = Operation.maxPool2D(window: window, stride: stride).outputShape(inputShape)
            guard unit >= 0, unit < out.reduce(1, *) else { return [] }
            let (oh, ow) = (out[1], out[2])
            let f = unit / (oh * ow), oy = (unit % (oh * ow)) / ow, ox = unit % ow
            var best = -1
            var bestValue = -Float.infinity
            for dy in 0..<window {
                for dx in 0..<window {
                    let iy = oy * stride + dy, ix = ox * stride + dx
                    guard iy < h && ix < w else { continue }
                    let ii = (f * h + iy) * w + ix
                    if input[ii] > bestValue { bestValue = input[ii]; best = ii }
                }
            }
            return best >= 0 ? [Contribution(input: best, weight: nil, value: Double(bestValue))] : []
        }
        for case let .avgPool2D(window, stride) in operations {
            let out = Operation.avgPool2D(window: window, stride: stride).outputShape(inputShape)
            guard unit >= 0, unit < out.reduce(1, *) else { return [] }
            let (oh, ow) = (out[1], out[2])
            let f = unit / (oh * ow), oy = (unit % (oh * ow)) / ow, ox = unit % ow
            let share = 1 / Double(window * window)
            var terms: [Contribution] = []
            for dy in 0..<window {
                for dx in 0..<window {
                    let iy = oy * stride + dy, ix = ox * stride + dx
                    guard iy < h && ix < w else { continue }
                    let ii = (f * h + iy) * w + ix
                    terms.append(Contribution(input: ii, weight: nil, value: Double(input[ii]) * share))
                }
            }
            return terms
        }
        return []
    }

    /// The bias added to output `unit` for an input of `inputShape` (0 for pooling and
    /// out-of-range units).
    public func bias(of unit: Int, inputShape: [Int]) -> Float {
        if let d = dense { return unit >= 0 && unit < d.outputs ? d.bias[unit] : 0 }
        if let c = conv, inputShape.count == 3 {
            let out = c.outputShape(inputShape)
            let perMap = out[1] * out[2]
            guard unit >= 0, perMap > 0, unit / perMap < c.filters else { return 0 }
            return c.bias[unit / perMap]
        }
        return 0
    }
}

import DigitNet

/// The real arithmetic behind one unit's value, as the neuron shot's panel shows it: the
/// terms that feed it (from `Stage.contributions`), the bias, the value before the
/// activation function and the value the network recorded.
public struct NeuronArithmetic: Sendable, Equatable {
    /// How the terms are shown.
    public enum Terms: Sendable, Equatable {
        /// A one-channel convolution: the `side`×`side` input patch and kernel, row-major
        /// (nil for cells in the padding).
        case patch(side: Int, patch: [Float?], kernel: [Float?])
        /// A convolution over several channels: each channel's window sum.
        case channels([(channel: Int, terms: Int, sum: Double)])
        /// A dense unit: the largest terms by |w·x| (input index, x, w) and the rest summed.
        case dense(top: [(input: Int, x: Float, w: Float)], restCount: Int, restSum: Double)
        /// A max-pooled unit: its window's values, `side`×`side`.
        case pool(side: Int, window: [Float])

        public static func == (a: Terms, b: Terms) -> Bool { "\(a)" == "\(b)" }
    }

    /// The layer's name and the unit's position in words: `conv1[3] row 14, col 12`.
    public var title: String
    /// The layer (scene index, 0 = input) and flat unit index.
    public var layer: Int
    public var unit: Int
    public var terms: Terms
    /// Σ terms (for pooling: the maximum).
    public var sum: Double
    /// The bias added (0 for pooling).
    public var bias: Double
    /// Whether the stage adds a bias (convolution, dense).
    public var hasBias: Bool
    /// The operation applied after the sum (`ReLU`, `softmax`) or nil.
    public var activation: String?
    /// The value the forward pass recorded for this unit.
    public var value: Float
    /// How the network normalised its input (a patch of the input is shaded in grey from it).
    public var normalization = InputNormalization.identity

    /// Dense units show this many terms; the rest are summed.
    public static let shownTerms = 8

    /// The arithmetic of `unit` of stage `stage` (scene layer `stage + 1`) for `trace`; nil
    /// when the stage has no convolution, dense or pooling operation or the unit is out of range.
    public static func of(network: Network, trace: Trace, stage: Int, unit: Int) -> NeuronArithmetic? {
        guard stage >= 0, stage < network.stages.count, let input = network.input(ofStage: stage, in: trace),
            let output = trace[network.stages[stage].name], unit >= 0, unit < output.count
        else { return nil }
        let s = network.stages[stage]
        let inputShape = network.shapes[stage]
        let contributions = s.contributions(to: unit, input: input.data, inputShape: inputShape)
        guard !contributions.isEmpty else { return nil }
        let outShape = network.shapes[stage + 1]
        let title = "\(s.name.rawValue)[\(position(unit, shape: outShape))]"
        let activation: String? =
            s.operations.contains(.softmax) ? "softmax" : (s.operations.contains(.relu) ? "ReLU" : nil)
        let sum = contributions.reduce(0) { $0 + $1.value }
        var result = NeuronArithmetic(
            title: title, layer: stage + 1, unit: unit, terms: .channels([]), sum: sum,
            bias: Double(s.bias(of: unit, inputShape: inputShape)), hasBias: s.conv != nil || s.dense != nil,
            activation: activation, value: output.data[unit])
        result.normalization = network.normalization
        if let d = s.dense {
            let ranked = contributions.sorted { abs($0.value) > abs($1.value) || (abs($0.value) == abs($1.value) && $0.input < $1.input) }
            let top = ranked.prefix(shownTerms).map { c in
                (input: c.input, x: input.data[c.input], w: c.weight.map { d.weight[$0] } ?? 0)
            }
            let rest = ranked.dropFirst(shownTerms)
            result.terms = .dense(top: top, restCount: rest.count, restSum: rest.reduce(0) { $0 + $1.value })
        } else if let c = s.conv {
            let k = c.kernel
            if c.inChannels == 1 && k <= 7 {
                var patch = [Float?](repeating: nil, count: k * k), kernel = [Float?](repeating: nil, count: k * k)
                for term in contributions {
                    guard let w = term.weight else { continue }
                    let cell = w % (k * k)
                    patch[cell] = input.data[term.input]
                    kernel[cell] = c.weight[w]
                }
                result.terms = .patch(side: k, patch: patch, kernel: kernel)
            } else {
                var sums = [Double](repeating: 0, count: c.inChannels), counts = [Int](repeating: 0, count: c.inChannels)
                for term in contributions {
                    guard let w = term.weight else { continue }
                    let ch = (w / (k * k)) % c.inChannels
                    sums[ch] += term.value
                    counts[ch] += 1
                }
                result.terms = .channels((0..<c.inChannels).map { (channel: $0, terms: counts[$0], sum: sums[$0]) })
            }
        } else {
            // Max pooling: the window around the chosen input.
            var window: [Float] = []
            var side = 1
            for case let .maxPool2D(w, stride) in s.operations where inputShape.count == 3 && outShape.count == 3 {
                side = w
                let (h, wd) = (inputShape[1], inputShape[2])
                let perMap = outShape[1] * outShape[2]
                let f = unit / perMap, oy = (unit % perMap) / outShape[2], ox = unit % outShape[2]
                for dy in 0..<w {
                    for dx in 0..<w {
                        let iy = oy * stride + dy, ix = ox * stride + dx
                        window.append(iy < h && ix < wd ? input.data[(f * h + iy) * wd + ix] : 0)
                    }
                }
            }
            result.terms = .pool(side: side, window: window)
            result.sum = Double(contributions[0].value)
            result.activation = nil
        }
        return result
    }

    /// The value before the activation function: Σ terms + bias.
    public var preActivation: Double { sum + bias }

    /// `3, 14, 12` for a map unit (map, row, col) or `37` for a vector unit.
    static func position(_ unit: Int, shape: [Int]) -> String {
        guard shape.count == 3, shape[1] * shape[2] > 0 else { return "\(unit)" }
        let perMap = shape[1] * shape[2]
        return "\(unit / perMap), \((unit % perMap) / shape[2]), \(unit % shape[2])"
    }
}

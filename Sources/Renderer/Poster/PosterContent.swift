import DigitNet

/// What a poster shows, independent of drawing: the network, one trace and words for each
/// layer.
public struct PosterContent: Sendable {
    public let network: Network
    public let trace: Trace
    /// How the footer names the input (`sample 7`, `MNIST test #3`).
    public let inputLabel: String
    /// The input's true digit when known; the verdict marks a prediction that disagrees.
    public let label: Int?

    public init(network: Network, trace: Trace, inputLabel: String, label: Int? = nil) {
        self.network = network; self.trace = trace; self.inputLabel = inputLabel; self.label = label
    }

    /// What the answer amounts to (confident, uncertain, wrong), worded as on every output.
    public var verdict: Verdict { Verdict(probabilities: trace.probabilities, label: label) }

    /// Stage index of `name`.
    func stageIndex(_ name: String) -> Int { network.stageIndex(of: LayerID(name)) ?? 0 }

    /// "CONVOLUTION", "MAX POOLING", "FULLY CONNECTED", "OUTPUT".
    func kindTitle(_ stage: Stage) -> String {
        if stage.conv != nil { return "CONVOLUTION" }
        if stage.operations.contains(where: {
            if case .maxPool2D = $0 { return true }; return false
        }) {
            return "MAX POOLING"
        }
        if stage.operations.contains(.softmax) { return "OUTPUT" }
        return "FULLY CONNECTED"
    }

    /// The layer as a formula: `Conv2d(1 → 8, kernel 5×5, padding 2) + ReLU   →   8@28×28`.
    func formula(_ s: Int) -> String {
        let stage = network.stages[s]
        let shape = Tensor(zeros: network.shapes[s + 1]).shapeLabel
        var parts: [String] = []
        for op in stage.operations {
            switch op {
            case let .conv2D(c):
                parts.append(
                    "Conv2d(\(c.inChannels) → \(c.filters), kernel \(c.kernel)×\(c.kernel)"
                        + (c.padding > 0 ? ", padding \(c.padding)" : "") + (c.stride > 1 ? ", stride \(c.stride)" : "") + ")")
            case .relu: parts.append("ReLU")
            case let .maxPool2D(w, st): parts.append("MaxPool2d(\(w)×\(w), stride \(st))")
            case .flatten: parts.append("flatten")
            case let .dense(d): parts.append("Linear(\(d.inputs) → \(d.outputs))")
            case .softmax: parts.append("softmax")
            }
        }
        return parts.joined(separator: " + ") + "   →   " + shape
    }

    /// One sentence (two at most) on what the layer does.
    func description(_ s: Int) -> String {
        let stage = network.stages[s]
        let previous = s == 0 ? "the digit" : network.stages[s - 1].name
        if let c = stage.conv {
            if c.inChannels == 1 {
                return "\(Self.words(c.filters).capitalizedFirst) learned \(c.kernel)×\(c.kernel) filters slide across the digit. "
                    + "Each map lights up where its pattern (an edge or stroke at one orientation) appears; ReLU sets the rest to zero."
            }
            return "\(Self.words(c.filters).capitalizedFirst) filters each look through a \(c.kernel)×\(c.kernel) window at all "
                + "\(Self.words(c.inChannels)) \(previous) maps at once, combining strokes into parts of digits; ReLU keeps the positive evidence."
        }
        if stage.operations.contains(where: {
            if case .maxPool2D = $0 { return true }; return false
        }) {
            return "Each 2×2 window of \(previous) keeps only its largest value: the maps shrink by half "
                + "while the strong responses, and roughly where they were, survive."
        }
        if let d = stage.dense {
            if stage.operations.contains(.softmax) {
                return "Ten scores, one per digit, each weighing all \(d.inputs) \(previous) values; softmax turns them "
                    + "into probabilities that sum to 1, and the largest is the answer."
            }
            let flat = stage.operations.contains(.flatten) ? "The \(previous) maps are flattened into \(d.inputs) numbers; " : ""
            return
                (flat + "each of the \(d.outputs) nodes weighs all \(d.inputs) inputs and keeps a positive score (ReLU), "
                + "so the bars show which learned combinations this digit triggers.").capitalizedFirst
        }
        return stage.caption
    }

    static func words(_ n: Int) -> String {
        let names = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        ]
        return n < names.count ? names[n] : "\(n)"
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

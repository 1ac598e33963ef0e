import DigitNet
import Foundation

/// Default words for a tour, generated from the architecture (never from layer names): what
/// each layer is (operation, kernel, shapes) and, in one plain sentence, what it does.
public enum LayerStory {
    /// `8×28×28` or `120`.
    static func shape(_ s: [Int]) -> String { s.map(String.init).joined(separator: "×") }

    /// The caption of scene layer `layer` (0 = input).
    public static func caption(network: Network, layer: Int) -> String {
        let shapes = network.shapes
        guard layer > 0, layer - 1 < network.stages.count else {
            let n = network.normalization
            let norm =
                n == .identity
                ? "" : String(format: ", normalised as (x − %.4g) / %.4g", Double(n.mean), Double(n.std))
            return "input · \(shape(network.inputShape)). The drawing scaled to \(sideText(network.inputShape)) grey values\(norm): "
                + "this grid of numbers is all the network ever sees."
        }
        let stage = network.stages[layer - 1]
        let head = "\(stage.name.rawValue) · \(stage.caption) · \(shape(shapes[layer - 1])) → \(shape(shapes[layer]))."
        return head + " " + sentence(stage, input: shapes[layer - 1], output: shapes[layer], isLast: layer == network.stages.count)
    }

    /// The one plain sentence for a stage.
    static func sentence(_ stage: Stage, input: [Int], output: [Int], isLast: Bool) -> String {
        var parts: [String] = []
        let inputs = input.reduce(1, *)
        for operation in stage.operations {
            // An if-chain rather than a switch: operation kinds added later read as "then <op>".
            if case .conv2D(let c) = operation {
                let stride = c.stride == 1 ? "" : " in steps of \(c.stride)"
                let pad = c.padding == 0 ? "" : " (the border padded with \(c.padding) zero\(c.padding == 1 ? "" : "s"))"
                let over = c.inChannels == 1 ? "the image" : "all \(c.inChannels) maps at once"
                parts.append(
                    "\(c.filters) learned \(c.kernel)×\(c.kernel) filters slide over \(over)\(stride)\(pad), "
                        + "each making a map that is bright where its pattern appears")
            } else if case .maxPool2D(let w, let s) = operation {
                let step = s == w ? "" : " (stride \(s))"
                parts.append("each map keeps the largest value of every \(w)×\(w) block\(step): smaller maps, the same patterns")
            } else if case .dense(let d) = operation {
                parts.append("every one of the \(d.outputs) units weighs all \(inputs) values before it and adds a bias")
            } else if operation == .relu {
                parts.append("ReLU keeps positive values and sets negatives to zero")
            } else if operation == .softmax {
                parts.append("softmax turns the \(output.reduce(1, *)) scores into probabilities that add up to 100 %")
            } else if operation == .flatten {
                if input.count == 3 { parts.append("the maps are flattened into one list of \(inputs) numbers") }
            } else {
                parts.append("then \(operation.caption)")
            }
        }
        guard let first = parts.first else { return "" }
        var text = first.prefix(1).uppercased() + first.dropFirst()
        for part in parts.dropFirst() { text += "; " + part }
        return text + "."
    }

    /// 62558 → `62,558`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func sideText(_ shape: [Int]) -> String {
        shape.count == 3 ? "\(shape[1])×\(shape[2])" : shape.map(String.init).joined(separator: "×")
    }

    /// The opening caption: the network as a whole.
    public static func overview(network: Network) -> String {
        let stages = network.stages.count
        let params = grouped(network.parameterCount)
        let classes = network.shapes.last.map { $0.reduce(1, *) } ?? 0
        return "\(network.architecture.name): \(stages) layers and \(params) learned numbers turn a "
            + "\(sideText(network.inputShape)) drawing into \(classes) scores. Data flows from left to right."
    }

    /// The forward pass.
    public static func reveal() -> String {
        "The forward pass: each layer is computed from the one before it, lighting up in order. "
            + "Bright tiles are large activations; cyan lines trace the strongest contributions to the answer."
    }

    /// The closing caption: the prediction.
    public static func prediction(network: Network, trace: Trace) -> String {
        let labels = network.labels
        let p = trace.prediction
        let label = p < labels.count ? labels[p] : String(p)
        let probability = p < trace.probabilities.count ? Double(trace.probabilities[p]) : 0
        return "The answer: the largest probability is \(label), at \(NumberFormat.percent(probability)). "
            + "Every number on the way is the network's own arithmetic."
    }

    /// A neuron shot's caption.
    public static func neuron(_ a: NeuronArithmetic) -> String {
        switch a.terms {
        case .patch, .channels:
            return "One unit of \(a.title.prefix { $0 != "[" }): its window of the layer before, multiplied cell by cell "
                + "with its kernel, summed, plus the bias\(a.activation.map { ", then \($0)" } ?? ""). The amber boxes trace what it sees back to the input."
        case .dense:
            return "One dense unit: every input times its weight, summed, plus the bias\(a.activation.map { ", then \($0)" } ?? ""). "
                + "The eight largest terms are shown; the others are added up."
        case .pool:
            return "One pooled unit: the largest value of its window in the map before."
        }
    }
}

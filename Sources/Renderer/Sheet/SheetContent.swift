import DigitNet
import Preprocessing

/// Everything the preprocessing sheet shows about one input, as plain values: the stages of
/// the pipeline, the numbers the network read and what it made of them.
public struct SheetContent: Sendable {
    /// The input as given (`seven.png`, `sample:7`), quoted in the subtitle.
    public var source: String
    /// The input's short name for the title (`sample 7`, `MNIST test #3`, `seven.png`).
    public var inputName: String
    /// The true digit when known; the prediction panel marks an answer that disagrees.
    public var trueDigit: Int?
    /// Every preprocessing stage.
    public var stages: PreprocessedDigit
    /// The 784 values the network reads (for MNIST inputs, MNIST's own pixels).
    public var networkInput: [Float]
    /// The winning digit and the ten class probabilities.
    public var digit: Int
    public var probabilities: [Float]
    /// The second most probable digit, when there is one.
    public var runnerUp: Int?
    /// The network's input normalisation, shown under the flatten strip.
    public var normalization: InputNormalization

    public init(
        source: String, trueDigit: Int?, stages: PreprocessedDigit, networkInput: [Float], digit: Int,
        probabilities: [Float], runnerUp: Int?, normalization: InputNormalization, inputName: String? = nil
    ) {
        self.inputName = inputName ?? Titles.shortName(source)
        self.source = source; self.trueDigit = trueDigit; self.stages = stages; self.networkInput = networkInput
        self.digit = digit; self.probabilities = probabilities; self.runnerUp = runnerUp
        self.normalization = normalization
    }

    /// True for an MNIST input (`mnist:…`): the network reads MNIST's own pixels, and steps
    /// 2–6 only re-run the pipeline on them for comparison.
    public var isMNIST: Bool { source.hasPrefix("mnist:") }

    /// What the answer amounts to (confident, uncertain, wrong), worded as on every output.
    public var verdict: Verdict { Verdict(probabilities: probabilities, label: trueDigit) }

    /// The probability of digit `d` (0 when the network has no such class).
    func probability(of d: Int) -> Double {
        probabilities.indices.contains(d) ? Double(probabilities[d]) : 0
    }
}

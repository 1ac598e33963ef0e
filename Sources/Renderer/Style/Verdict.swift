/// What the network's answer amounts to for one input, worded the same way in every picture:
/// a confident answer, a hesitation between two digits, or a mistake against a known label.
///
/// Below `confidenceThreshold` the answer is uncertain: headers name the top two
/// (`9 or 4?` with `83.00 % · 17.00 %`) instead of a single digit, and titles never name a
/// class. When the true digit is known (MNIST inputs, bundled samples, `--label`, `label:`)
/// and differs from the answer, the answer is wrong: `label 4 · predicted 9 ✗`.
public struct Verdict: Sendable, Equatable {
    /// Below this probability of the winner the answer is shown as uncertain (0.9: a winner at
    /// 90 % or more is stated alone).
    public static let confidenceThreshold = 0.9

    /// How the answer is shown.
    public enum Kind: Sendable, Equatable {
        /// The winner is at or above the threshold (and matches the label when one is known).
        case confident
        /// The winner is below the threshold (and not contradicted by a known label).
        case uncertain
        /// A known label differs from the winner.
        case wrong
    }

    /// The winning digit and its probability.
    public let predicted: Int
    public let probability: Double
    /// The second most probable digit and its probability (nil with fewer than two classes).
    public let runnerUp: Int?
    public let runnerUpProbability: Double
    /// The true digit when known.
    public let label: Int?

    /// The verdict on `probabilities` (the winner is the first of the largest) against an
    /// optional known `label`.
    public init(probabilities: [Float], label: Int?) {
        let ranked = probabilities.indices.sorted {
            probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1)
        }
        predicted = ranked.first ?? 0
        probability = ranked.first.map { Double(probabilities[$0]) } ?? 0
        runnerUp = ranked.count > 1 ? ranked[1] : nil
        runnerUpProbability = ranked.count > 1 ? Double(probabilities[ranked[1]]) : 0
        self.label = label
    }

    /// True when the winner is below `confidenceThreshold` (NaN counts as uncertain). Compared
    /// in `Float`, the probabilities' own precision, so a winner at `Float(0.9)` is confident.
    public var isUncertain: Bool { !(Float(probability) >= Float(Self.confidenceThreshold)) }

    /// True when a known label differs from the winner.
    public var isWrong: Bool { label.map { $0 != predicted } ?? false }

    /// Wrong first, then uncertain, else confident.
    public var kind: Kind { isWrong ? .wrong : (isUncertain ? .uncertain : .confident) }

    /// The large part of a header: `9`, `9 or 4?`, or `label 4 · predicted 9 ✗`.
    public var headline: String {
        switch kind {
        case .confident: return "\(predicted)"
        case .uncertain: return runnerUp.map { "\(predicted) or \($0)?" } ?? "\(predicted)?"
        case .wrong: return "label \(label ?? 0) · predicted \(predicted) ✗"
        }
    }

    /// The percentages beside the headline: the winner's alone when confident or wrong, the
    /// top two when uncertain (`83.00 % · 17.00 %`).
    public var detail: String {
        let first = NumberFormat.percent(probability)
        guard kind == .uncertain, runnerUp != nil else { return first }
        return first + " · " + NumberFormat.percent(runnerUpProbability)
    }

    /// One line for footers and captions: `predicted 7 · 99.87 %`, `9 or 4? 83.00 % · 17.00 %`,
    /// `label 4 · predicted 9 ✗ (83.00 %)`; a matching label adds `label 7 ✓`.
    public var line: String {
        switch kind {
        case .confident:
            let base = "predicted \(predicted) · \(detail)"
            return label == nil ? base : "label \(predicted) ✓ · " + base
        case .uncertain:
            let base = "\(headline) \(detail)"
            return label.map { "\(base) · label \($0) ✓" } ?? base
        case .wrong:
            return "\(headline) (\(detail))"
        }
    }

    /// Whether a title may name the predicted class: only a confident, unrefuted answer.
    public var mayNameClass: Bool { kind == .confident }
}

/// The one title scheme of every output (still, orbit, poster, sheet): the network's name and
/// the input's short name (a file name, `MNIST test #3`, `sample 7`), never a class the
/// network is unsure of and never a full path.
public enum Titles {
    /// `LeNet reading sample 7`: the title of stills, orbits and posters' footers.
    public static func reading(_ subject: String, network: String = "LeNet") -> String {
        "\(network) reading \(shortName(subject))"
    }

    /// `Preprocessing sample 7, MNIST-style`: the sheet's title.
    public static func preprocessing(_ subject: String) -> String {
        "Preprocessing \(shortName(subject)), MNIST-style"
    }

    /// The last path component of `subject` when it looks like a path (`/a/b/seven.png` →
    /// `seven.png`); `mnist:test:3`-style names and labels without a slash are kept.
    public static func shortName(_ subject: String) -> String {
        guard let slash = subject.lastIndex(of: "/") else { return subject }
        let tail = subject[subject.index(after: slash)...]
        return tail.isEmpty ? subject : String(tail)
    }
}

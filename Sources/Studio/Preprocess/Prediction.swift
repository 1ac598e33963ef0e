import DigitNet
import Foundation

/// What the network made of one input.
public struct Prediction: Sendable {
    /// The argument as given.
    public var file: String
    /// The winning digit.
    public var digit: Int
    /// The ten class probabilities.
    public var probabilities: [Float]
    /// The two most probable digits, best first.
    public var top2: [(digit: Int, probability: Float)]

    /// Runs `network` on a resolved input.
    public init(input: DigitInput, network: Network) {
        let trace = network.forward(input.image)
        self.init(file: input.spec, trace: trace)
    }

    public init(file: String, trace: Trace) {
        self.file = file
        self.digit = trace.prediction
        self.probabilities = trace.probabilities
        self.top2 = trace.top2
    }

    /// One line of JSON: `{"file":…,"digit":…,"probabilities":[10],"top2":[{"digit":…,"probability":…},…]}`.
    public var jsonLine: String {
        let probs = probabilities.map { PredictionJSON.number($0) }.joined(separator: ",")
        let top = top2.map { "{\"digit\":\($0.digit),\"probability\":\(PredictionJSON.number($0.probability))}" }
            .joined(separator: ",")
        return "{\"file\":\(PredictionJSON.string(file)),\"digit\":\(digit),\"probabilities\":[\(probs)],\"top2\":[\(top)]}"
    }

    /// A line for people: `seven.png: 7 (99.98 %), then 1 (0.01 %)`.
    public var textLine: String {
        let parts = top2.map { String(format: "%d (%.2f %%)", $0.digit, Double($0.probability) * 100) }
        return "\(file): " + parts.joined(separator: ", then ")
    }
}

/// Small JSON writers that keep key order fixed.
enum PredictionJSON {
    static func number(_ v: Float) -> String {
        guard v.isFinite else { return "0" }
        return String(format: "%.6g", Double(v))
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `{"file":…,"error":…}` for an input that failed.
    static func errorLine(file: String, message: String) -> String {
        "{\"file\":\(string(file)),\"error\":\(string(message))}"
    }
}

/// The `predict` job: every argument is resolved and predicted on its own, so one bad file
/// does not stop the others.
public enum PredictJob {
    /// The network type, re-exported so commands need not import DigitNet.
    public typealias Network = DigitNet.Network

    /// The network every command works with: the bundled LeNet with `weights` when given,
    /// else the bundled trained weights; a missing or corrupt file is an error naming it,
    /// never a silent stand-in.
    public static func network(weights: String?) throws -> Network {
        try Network(.lenet, weights: WeightsSource(path: weights))
    }

    /// Predicts each of `specs`, writing one line per input through `emit` (JSON or text) and
    /// error lines through `emitError`. Returns how many inputs failed.
    public static func run(_ specs: [String], network: Network, json: Bool,
                           emit: (String) -> Void, emitError: (String) -> Void) -> Int {
        var failures = 0
        let cache = MNISTCache()
        for spec in specs {
            do {
                let input = try resolveInput(spec, mnistCache: cache)
                let prediction = Prediction(input: input, network: network)
                emit(json ? prediction.jsonLine : prediction.textLine)
            } catch {
                failures += 1
                if json { emit(PredictionJSON.errorLine(file: spec, message: error.description)) }
                emitError("error: \(error.description)")
            }
        }
        return failures
    }
}

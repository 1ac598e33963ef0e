import DigitNet
import Foundation
import Renderer

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

    /// A line for people: `seven.png: 7 (99.98 %), then 1 (0.01 %)` (percentages as `NumberFormat.percent`).
    public var textLine: String {
        let parts = top2.map { "\($0.digit) (\(NumberFormat.percent(Double($0.probability))))" }
        return "\(file): " + parts.joined(separator: ", then ")
    }
}

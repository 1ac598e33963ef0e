import DigitNet
import DigitTraining
import Foundation
import Renderer

/// What the network made of one input.
public struct Prediction: Sendable {
    /// The argument as given.
    public var file: String
    /// The winning class's index (the digit, for digit models).
    public var digit: Int
    /// One label per class, from the model (the ten digits by default).
    public var labels: [String]
    /// The ten class probabilities.
    public var probabilities: [Float]
    /// The two most probable digits, best first.
    public var top2: [(digit: Int, probability: Float)]

    /// Runs `network` on a resolved input; a 28×28 input meets another input size the way
    /// training and evaluation meet it (area-resampled, ``DigitResize``; the grey image repeated
    /// over the channels).
    public init(input: DigitInput, network: Network) {
        let trace = network.forward(Self.fitted(input.image, to: network.inputShape))
        self.init(file: input.spec, trace: trace, labels: network.labels)
    }

    public init(file: String, trace: Trace, labels: [String] = Architecture.digitLabels) {
        self.file = file
        self.labels = labels
        self.digit = trace.prediction
        self.probabilities = trace.probabilities
        self.top2 = trace.top2
    }

    /// `image` (1,H,W) as an input of `shape` (C,H',W').
    static func fitted(_ image: Tensor, to shape: [Int]) -> Tensor {
        guard image.shape != shape, image.shape.count == 3, shape.count == 3 else { return image }
        let grey = DigitResize.area(image.data, from: (image.shape[1], image.shape[2]), to: [1, shape[1], shape[2]])
        return Tensor(shape: shape, data: Array((0..<shape[0]).map { _ in grey }.joined()))
    }

    /// True when every probability is a finite number (huge finite weights can still
    /// overflow to infinity inside the network).
    public var isFinite: Bool { probabilities.allSatisfy(\.isFinite) && top2.allSatisfy { $0.probability.isFinite } }

    /// The label of class `index` (its number when the model has fewer labels).
    public func label(_ index: Int) -> String { index < labels.count ? labels[index] : String(index) }

    /// One line of JSON: `{"file":…,"digit":…,"label":…,"probabilities":[10],"top2":[{"digit":…,"label":…,"probability":…},…]}`
    /// (`digit` is the class index, `label` the model's label string for it).
    public var jsonLine: String {
        let probs = probabilities.map { PredictionJSON.number($0) }.joined(separator: ",")
        let top = top2.map {
            "{\"digit\":\($0.digit),\"label\":\(PredictionJSON.string(label($0.digit))),\"probability\":\(PredictionJSON.number($0.probability))}"
        }
        .joined(separator: ",")
        return
            "{\"file\":\(PredictionJSON.string(file)),\"digit\":\(digit),\"label\":\(PredictionJSON.string(label(digit))),\"probabilities\":[\(probs)],\"top2\":[\(top)]}"
    }

    /// A line for people: `seven.png: 7 (99.98 %), then 1 (0.01 %)` (percentages as `NumberFormat.percent`).
    public var textLine: String {
        let parts = top2.map { "\(label($0.digit)) (\(NumberFormat.percent(Double($0.probability))))" }
        return "\(file): " + parts.joined(separator: ", then ")
    }
}

import DigitNet
import Renderer

extension DigitInput {
    /// This input with its true class set to `label` (`--label`, a scene's `label:`), which
    /// replaces the label an MNIST input or a bundled sample carries. Throws `LabelError` when
    /// `label` is not one of the network's `classes`.
    public func labelled(_ label: Int, classes: Int) throws(LabelError) -> DigitInput {
        guard label >= 0, label < classes else { throw LabelError(spec: spec, label: label, classes: classes) }
        var copy = self
        copy.trueDigit = label
        return copy
    }

    /// The one title of every output for this input (`LeNet reading MNIST test #3`), with the
    /// network's `model` name.
    public func readingTitle(model: String = "LeNet") -> String { Titles.reading(label, network: model) }
}

extension Network {
    /// How many classes the network's last layer scores (its output's element count).
    public var classCount: Int { shapes.last?.reduce(1, *) ?? 0 }
}

/// A stated label that is not one of the network's classes.
public struct LabelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input the label was given for.
    public var spec: String
    public var label: Int
    /// The network's class count.
    public var classes: Int

    public init(spec: String, label: Int, classes: Int) {
        self.spec = spec; self.label = label; self.classes = classes
    }

    public var description: String {
        "\(spec): label \(label) is not a class of this network (it scores \(classes) classes, 0…\(max(0, classes - 1)))"
    }
}

import DigitNet
import Foundation
import Support
import Yams

/// A decoded model file: the network's input, layers and labels as written, the weights file
/// it names (resolved against the model file's folder), and the line of every key, so that
/// every later problem still names the file, line and key.
///
/// ```yaml
/// name: LeNet
/// input: { channels: 1, height: 28, width: 28, mean: 0.1307, std: 0.3081 }
/// weights: lenet.safetensors
/// layers:
///   - conv2d: { name: conv1, filters: 8, kernel: 5, padding: 2 }
///   - relu
/// ```
public struct ModelFile: Sendable, Equatable {
    /// The model's name (default: the file's name without its extension).
    public var name: String
    /// `(channels, height, width)`.
    public var inputShape: [Int]
    /// Applied to input values in [0,1].
    public var normalization: InputNormalization
    /// The weights file, resolved against the model file's folder.
    public var weights: String
    /// One label per output.
    public var labels: [String]
    /// The layers in order, as written.
    public var layers: [ModelLayer]
    /// Where each key was written (`layers[3]`, `weights`, …).
    public var locations: SceneLocations

    /// Sizes of layers and inputs: positive and at most one tensor's worth of elements.
    static let size = ValueRule(1...Limit.tensorElements.maximum, "a positive integer (at most \(Limit.tensorElements))")
    /// Input height and width.
    static let side = ValueRule(1...Limit.imageSide.maximum, "a positive integer (at most \(Limit.imageSide))")
    /// Convolution padding.
    static let padding = ValueRule(0...Limit.imageSide.maximum, "an integer ≥ 0 (at most \(Limit.imageSide))")
    /// Layers in one model file.
    static let layerCount = Limit("layers in one model file", maximum: 1_000)
    /// Labels in one model file.
    static let labelCount = Limit("labels in one model file", maximum: 100_000)

    /// Reads and validates the model file at `path`.
    public static func load(path: String) throws(ModelFileError) -> ModelFile {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: .sceneFileBytes) } catch {
            throw ModelFileError(location: FileLocation(file: path), keyPath: "", message: "cannot read model file (\(error.reason))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ModelFileError(location: FileLocation(file: path), keyPath: "", message: "not UTF-8 text")
        }
        return try parse(yaml: text, file: path)
    }

    /// Decodes model-file YAML; `file` labels errors and anchors the relative weights path.
    public static func parse(yaml: String, file: String) throws(ModelFileError) -> ModelFile {
        do throws(SceneFileError) {
            try SceneText.checkNesting(yaml, file: file)
            let root: Node
            do {
                guard let node = try Yams.compose(yaml: yaml) else {
                    throw SceneFileError(file: file, line: nil, keyPath: "", message: "the model file is empty")
                }
                root = node
            } catch let error as SceneFileError {
                throw error
            } catch let error as YamlError {
                throw SceneDescription.yamlSyntaxError(error, file: file)
            } catch {
                throw SceneFileError(file: file, line: nil, keyPath: "", message: "not valid YAML (\(error))")
            }
            let recorder = SceneLocationRecorder()
            var model = try decode(SceneNode(root: root, file: file, recorder: recorder))
            model.locations = SceneLocations(file: file, lines: recorder.lines)
            return model
        } catch {
            throw ModelFileError(error)
        }
    }

    static func decode(_ root: SceneNode) throws(SceneFileError) -> ModelFile {
        var name: String?
        var input: ([Int], InputNormalization)?
        var weights: String?
        var labels = Architecture.digitLabels
        var layers: [ModelLayer]?
        let keys = ["format", "name", "input", "weights", "labels", "layers"]
        for (key, value) in try root.mapping(allowed: keys) {
            switch key {
            case "format": _ = try value.integer(ValueRule(1...1, "1 (the only model-file format so far)"))
            case "name": name = try value.string()
            case "input": input = try decodeInput(value)
            case "weights": weights = try value.string()
            case "labels": labels = try decodeLabels(value)
            default: layers = try decodeLayers(value)
            }
        }
        func missing(_ key: String, _ hint: String) -> SceneFileError {
            SceneFileError(file: root.file, line: root.line, keyPath: key, message: "missing; \(hint)")
        }
        guard let input else { throw missing("input", "give { channels, height, width }") }
        guard let weights else { throw missing("weights", "name the safetensors file (relative to the model file)") }
        guard let layers else { throw missing("layers", "list the layers in order") }
        let resolved = resolve(weights, against: root.file)
        let fallbackName = URL(fileURLWithPath: root.file).deletingPathExtension().lastPathComponent
        return ModelFile(
            name: name ?? fallbackName, inputShape: input.0, normalization: input.1, weights: resolved, labels: labels,
            layers: layers, locations: SceneLocations())
    }

    /// `path` as written in `file`: absolute paths unchanged, relative ones joined to the
    /// file's folder (the folder as the user named it, so relative files stay relative).
    static func resolve(_ path: String, against file: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        guard let slash = file.lastIndex(of: "/") else { return path }
        let joined = String(file[...slash]) + path
        return joined.hasPrefix("/") ? URL(fileURLWithPath: joined).standardized.path : joined
    }

    static func decodeInput(_ node: SceneNode) throws(SceneFileError) -> ([Int], InputNormalization) {
        var channels: Int?
        var height: Int?
        var width: Int?
        var mean = 0.0
        var std = 1.0
        for (key, value) in try node.mapping(allowed: ["channels", "height", "width", "mean", "std"]) {
            switch key {
            case "channels": channels = try value.integer(size)
            case "height": height = try value.integer(side)
            case "width": width = try value.integer(side)
            case "mean": mean = try value.number(ValueRule(-1e6...1e6, "a number (-1e6...1e6)"))
            default: std = try value.number(ValueRule(1e-6...1e6, "a positive number (1e-6...1e6)"))
            }
        }
        guard let channels, let height, let width else {
            throw node.error("needs channels, height and width")
        }
        return ([channels, height, width], InputNormalization(mean: Float(mean), std: Float(std)))
    }

    static func decodeLabels(_ node: SceneNode) throws(SceneFileError) -> [String] {
        let items = try node.sequence()
        guard !items.isEmpty, items.count <= labelCount.maximum else {
            throw node.error("expected 1 to \(labelCount.maximum) labels, got \(items.count)")
        }
        return try items.map { item throws(SceneFileError) in try item.string() }
    }

    static func decodeLayers(_ node: SceneNode) throws(SceneFileError) -> [ModelLayer] {
        let items = try node.sequence()
        guard !items.isEmpty, items.count <= layerCount.maximum else {
            throw node.error("expected 1 to \(layerCount.maximum) layers, got \(items.count)")
        }
        return try items.map { item throws(SceneFileError) in try decodeLayer(item) }
    }

    /// A bare word (`relu`) or a one-key map (`conv2d: { filters: 8, kernel: 5 }`).
    static func decodeLayer(_ item: SceneNode) throws(SceneFileError) -> ModelLayer {
        let words = ModelLayer.typeNames
        if case .scalar = item.node {
            let word = try item.string()
            guard words.contains(word) else {
                let hint = SceneNode.closest(to: word, in: words).map { " (did you mean '\($0)'?)" } ?? ""
                throw item.error("unknown layer type '\(word)'\(hint); allowed: \(words.joined(separator: ", "))")
            }
            return try decodeLayer(word, nil, at: item)
        }
        let entries = try item.mapping(allowed: words)
        guard entries.count == 1, let (word, body) = entries.first else {
            throw item.error("each layer is one bare word or a map with exactly one layer type")
        }
        return try decodeLayer(word, body, at: body)
    }

    /// Layer `word` with the parameters in `body` (nil for a bare word) at `item`.
    static func decodeLayer(_ word: String, _ body: SceneNode?, at item: SceneNode) throws(SceneFileError) -> ModelLayer {
        let parameters: [String]
        switch word {
        case "conv2d": parameters = ["name", "filters", "kernel", "stride", "padding", "bias"]
        case "maxpool2d", "avgpool2d": parameters = ["name", "kernel", "stride"]
        case "batchnorm2d", "batchnorm1d": parameters = ["name", "eps", "momentum"]
        case "linear": parameters = ["name", "units", "bias"]
        case "dropout": parameters = ["name", "p"]
        default: parameters = ["name"]
        }
        var values: [String: SceneNode] = [:]
        for (key, value) in try body?.mapping(allowed: parameters) ?? [] { values[key] = value }
        func required(_ key: String, _ rule: ValueRule<Int>) throws(SceneFileError) -> Int {
            guard let value = values[key] else { throw item.error("\(word) needs '\(key)'") }
            return try value.integer(rule)
        }
        func optional(_ key: String, _ rule: ValueRule<Int>) throws(SceneFileError) -> Int? {
            try values[key].map { value throws(SceneFileError) in try value.integer(rule) }
        }
        func number(_ key: String, _ rule: ValueRule<Double>, _ fallback: Double) throws(SceneFileError) -> Double {
            try values[key].map { value throws(SceneFileError) in try value.number(rule) } ?? fallback
        }
        func flag(_ key: String) throws(SceneFileError) -> Bool {
            guard let value = values[key] else { return true }
            switch try value.string() {
            case "true": return true
            case "false": return false
            default: throw value.error("expected true or false, got \(value.shown)")
            }
        }
        let name = try values["name"].map { value throws(SceneFileError) in try value.string() }
        let unit = ValueRule(0.0...1.0, "a number between 0 and 1")
        switch word {
        case "conv2d":
            return .conv2d(
                name: name, filters: try required("filters", size), kernel: try required("kernel", side),
                stride: try optional("stride", side) ?? 1, padding: try optional("padding", padding) ?? 0, bias: try flag("bias"))
        case "maxpool2d":
            return .maxpool2d(name: name, kernel: try required("kernel", side), stride: try optional("stride", side))
        case "avgpool2d":
            return .avgpool2d(name: name, kernel: try required("kernel", side), stride: try optional("stride", side))
        case "batchnorm2d":
            return .batchnorm2d(name: name, eps: try number("eps", unit, 1e-5), momentum: try number("momentum", unit, 0.1))
        case "batchnorm1d":
            return .batchnorm1d(name: name, eps: try number("eps", unit, 1e-5), momentum: try number("momentum", unit, 0.1))
        case "linear": return .linear(name: name, units: try required("units", size), bias: try flag("bias"))
        case "relu": return .relu(name: name)
        case "tanh": return .tanh(name: name)
        case "sigmoid": return .sigmoid(name: name)
        case "flatten": return .flatten(name: name)
        case "dropout":
            return .dropout(name: name, p: try number("p", ValueRule(0.0...0.999_999, "a probability in [0, 1)"), 0.5))
        case "softmax": return .softmax(name: name)
        default: return .logSoftmax(name: name)
        }
    }

    /// An error at `keyPath` of this file.
    func error(at keyPath: String, _ message: String) -> ModelFileError {
        ModelFileError(locations.error(at: keyPath, message))
    }

    /// The architecture this file describes, checked through DigitNet (`Architecture.stages()`):
    /// sizes that do not fit together are an error at the layer's line.
    public func architecture() throws(ModelFileError) -> Architecture {
        let specs = layers.map(\.layerSpec)
        let architecture = Architecture(
            name: name, inputShape: inputShape, normalization: normalization, labels: labels, layers: specs)
        do throws(ModelError) {
            _ = try architecture.stages()
        } catch {
            switch error {
            case let .invalidLayer(_, index, reason): throw self.error(at: "layers[\(index)]", reason)
            case let .invalidModel(_, reason): throw self.error(at: "layers", reason)
            case let .weights(weightsError): throw self.error(at: "weights", weightsError.description)
            }
        }
        return architecture
    }

    /// The weights file this model names, checked to exist (an error at the `weights:` line).
    public func weightsSource() throws(ModelFileError) -> WeightsSource {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: weights, isDirectory: &isFolder), !isFolder.boolValue else {
            throw error(at: "weights", "the weights file '\(weights)' does not exist")
        }
        return .file(URL(fileURLWithPath: weights))
    }
}

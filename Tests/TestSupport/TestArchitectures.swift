import DigitNet
import Foundation

/// Architectures other than the bundled LeNet, for tests that the layout, frames and posters
/// work for any small sequential CNN, and a writer for them as model files.
public enum TestArchitectures {
    /// PyTorch's MNIST example: conv 32@3, conv 64@3, max-pool 2, fc 128, fc 10 (many maps).
    public static let pytorchExample = Architecture(
        name: "PyTorch MNIST example", inputShape: [1, 28, 28], normalization: InputNormalization(mean: 0.1307, std: 0.3081),
        layers: [
            .conv2d(name: "conv1", filters: 32, kernel: 3), .relu,
            .conv2d(name: "conv2", filters: 64, kernel: 3), .relu,
            .maxpool2d(kernel: 2),
            .flatten,
            .linear(name: "fc1", units: 128), .relu,
            .linear(name: "fc2", units: 10), .softmax,
        ])

    /// Twelve displayed stages: five convolutions (16 → 64 maps), three poolings, four dense
    /// layers.
    public static let twelveStages = Architecture(
        name: "Twelve-stage test net", inputShape: [1, 28, 28],
        layers: [
            .conv2d(filters: 16, kernel: 3, padding: 1), .relu,
            .conv2d(filters: 16, kernel: 3, padding: 1), .relu,
            .maxpool2d(kernel: 2),
            .conv2d(filters: 32, kernel: 3, padding: 1), .relu,
            .conv2d(filters: 32, kernel: 3, padding: 1), .relu,
            .maxpool2d(kernel: 2),
            .conv2d(filters: 64, kernel: 3, padding: 1), .relu,
            .maxpool2d(kernel: 2),
            .flatten,
            .linear(units: 256), .relu,
            .linear(units: 128), .relu,
            .linear(units: 64), .relu,
            .linear(units: 10), .softmax,
        ])

    /// Three planes: the input, one dense layer, the output.
    public static let threePlanes = Architecture(
        name: "Three-plane test net", inputShape: [1, 28, 28],
        layers: [.flatten, .linear(units: 32), .relu, .linear(units: 10), .softmax])

    /// One convolution of `channels` 3×3 filters, pooled, then the output.
    public static func convolution(channels: Int) -> Architecture {
        Architecture(
            name: "\(channels)-map test net", inputShape: [1, 28, 28],
            layers: [
                .conv2d(filters: channels, kernel: 3), .relu, .maxpool2d(kernel: 2), .flatten,
                .linear(units: 10), .softmax,
            ])
    }

    /// One hidden dense layer of `units` nodes.
    public static func dense(units: Int) -> Architecture {
        Architecture(
            name: "\(units)-node test net", inputShape: [1, 28, 28],
            layers: [.flatten, .linear(units: units), .relu, .linear(units: 10), .softmax])
    }

    /// `architecture` as model-file YAML naming `weights`.
    public static func yaml(_ architecture: Architecture, weights: String) -> String {
        let input = architecture.inputShape
        var lines = [
            "name: \(architecture.name)",
            "input: { channels: \(input[0]), height: \(input[1]), width: \(input[2]), "
                + "mean: \(architecture.normalization.mean), std: \(architecture.normalization.std) }",
            "weights: \(weights)",
            "layers:",
        ]
        for layer in architecture.layers { lines.append("  - " + item(layer)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func item(_ layer: LayerSpec) -> String {
        func named(_ name: LayerID?) -> String { name.map { "name: \($0), " } ?? "" }
        switch layer {
        case let .conv2d(name, filters, kernel, stride, padding):
            return "conv2d: { \(named(name))filters: \(filters), kernel: \(kernel), stride: \(stride), padding: \(padding) }"
        case let .maxpool2d(name, kernel, stride):
            return "maxpool2d: { \(named(name))kernel: \(kernel)\(stride.map { ", stride: \($0)" } ?? "") }"
        case let .linear(name, units):
            return "linear: { \(named(name))units: \(units) }"
        default:
            return layer.typeName
        }
    }

    /// Writes `architecture` as `STEM.yaml` beside `STEM.safetensors` holding seeded
    /// He-uniform weights in `folder`, and returns the model file's path.
    public static func writeModel(_ architecture: Architecture, stem: String, in folder: URL, seed: UInt64 = 1) throws -> String {
        let network = try Network(architecture, weights: .initial(seed: seed))
        try network.write(to: folder.appendingPathComponent("\(stem).safetensors"))
        let path = folder.appendingPathComponent("\(stem).yaml").path
        try yaml(architecture, weights: "\(stem).safetensors").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

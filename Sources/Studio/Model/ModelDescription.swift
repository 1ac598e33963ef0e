import DigitNet
import Foundation

/// The architecture table `cnnviz describe` prints: one row per displayed stage with its
/// operations, output shape, learned values and receptive field.
public struct ModelDescription: Sendable, Equatable {
    /// One displayed stage.
    public struct Row: Sendable, Equatable {
        public var stage: String
        public var operation: String
        public var outputShape: [Int]
        public var parameters: Int
        public var receptiveField: ReceptiveField
    }

    public var name: String
    public var inputShape: [Int]
    public var labels: [String]
    public var rows: [Row]

    /// The table for `architecture` (built with zero weights: no weights file is read).
    public init(_ architecture: Architecture) throws {
        let network = try Network(architecture, weights: .zeros)
        let fields = ReceptiveField.of(network.stages)
        let shapes = network.shapes.dropFirst()
        rows = zip(network.stages, zip(shapes, fields)).map { stage, pair in
            let conv = stage.conv.map { $0.weight.count + $0.bias.count } ?? 0
            let dense = stage.dense.map { $0.weight.count + $0.bias.count } ?? 0
            return Row(
                stage: stage.name.rawValue, operation: stage.caption, outputShape: pair.0, parameters: conv + dense,
                receptiveField: pair.1)
        }
        name = architecture.name
        inputShape = architecture.inputShape
        labels = architecture.labels
    }

    /// Learned values in all stages.
    public var parameterCount: Int { rows.reduce(0) { $0 + $1.parameters } }

    static func shape(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }

    /// The table as aligned text, with a title line and a total.
    public var text: String {
        let header = ["stage", "operation", "output", "parameters", "receptive field"]
        let cells = rows.map {
            [$0.stage, $0.operation, Self.shape($0.outputShape), String($0.parameters), $0.receptiveField.description]
        }
        let all = [header] + cells
        let widths = (0..<header.count).map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            zip(row, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = ["\(name): input \(Self.shape(inputShape)), \(labels.count) labels"]
        lines += all.map(line)
        lines.append("total parameters: \(parameterCount)")
        return lines.joined(separator: "\n")
    }

    /// The table as one JSON object: `name`, `input`, `labels`, `parameters` and `stages`
    /// (each with `stage`, `operation`, `output_shape`, `parameters`, `receptive_field`: a
    /// side in input pixels, or the string `"whole input"`).
    public var json: String {
        let stages: [[String: Any]] = rows.map { row in
            let field: Any =
                switch row.receptiveField {
                case let .window(size): size
                case .wholeInput: "whole input"
                }
            return [
                "stage": row.stage, "operation": row.operation, "output_shape": row.outputShape,
                "parameters": row.parameters, "receptive_field": field,
            ]
        }
        let object: [String: Any] = [
            "name": name, "input": inputShape, "labels": labels, "parameters": parameterCount, "stages": stages,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

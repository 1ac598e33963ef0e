import ArgumentParser
import Foundation
import Studio

/// `cnnviz predict IMAGE... [--json]`: the digit, ten probabilities and top two for each image.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict the digit in each image (PNG path, mnist:test:INDEX or sample:N).")

    @Argument(help: "PNG files, mnist:test:INDEX (needs MNIST_DIR) or sample:N (bundled digit N).")
    var images: [String] = []

    @Flag(name: .long, help: "Print one JSON object per line: {\"file\",\"digit\",\"probabilities\",\"top2\"}.")
    var json = false

    @Option(name: .long, help: "Weights file (default: the bundled trained weights).")
    var weights: String?

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give at least one IMAGE") }
    }

    func run() throws {
        let network = try Self.loadNetwork(weights)
        let failures = PredictJob.run(images, network: network, json: json, emit: { print($0) }, emitError: Self.printError)
        if failures > 0 { throw ExitCode.failure }
    }
}

extension Predict {
    /// The weights to predict with: `weights`, or the bundled trained ones.
    static func loadNetwork(_ weights: String?) throws -> PredictJob.Network {
        do { return try PredictJob.network(weights: weights) } catch {
            throw RuntimeFailure("\(error)")
        }
    }

    /// Writes a line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

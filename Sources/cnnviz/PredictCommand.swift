import ArgumentParser
import Foundation
import Studio

/// `cnnviz predict IMAGE... [--json]`: the digit, ten probabilities and top two for each image.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict the digit in each image (PNG path, mnist:test:INDEX or sample:N).",
        discussion: "An image that cannot be read is reported (and, with --json, gets an {\"file\",\"error\"} line); "
            + "the others are still predicted, and the exit status is then 1.")

    @Argument(help: "PNG files, mnist:test:INDEX (needs MNIST_DIR) or sample:N (bundled digit N).")
    var images: [String] = []

    @Flag(name: .long, help: "Print one JSON object per line: {\"file\",\"digit\" (class index),\"label\",\"probabilities\",\"top2\"}.")
    var json = false

    @OptionGroup var network: NetworkOptions
    @OptionGroup var imageOptions: ImageOptions

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give at least one IMAGE") }
    }

    func run() throws {
        let network = try network.source.load()
        let failures = PredictJob.run(
            images, network: network, weights: try self.network.source.weightsDescription(), json: json,
            options: try imageOptions.preprocessing(), emit: { print($0) },
            emitError: CommandFailure.report)
        if failures > 0 { throw ExitCode.failure }
    }
}

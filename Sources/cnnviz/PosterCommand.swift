import ArgumentParser
import Foundation
import Studio

/// `cnnviz poster IMAGE --layer NAME|all -o FILE.png|.pdf|.svg [--size WxH]`.
struct Poster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a poster of one layer (or all) for IMAGE: every map with its colour scale and kernels.")

    @Argument(help: "PNG file, mnist:test:INDEX (needs MNIST_DIR) or sample:N.")
    var image: String

    @Option(name: .long, help: "Layer: conv1, pool1, conv2, pool2, fc1, fc2, output, or all.")
    var layer: String

    @Option(name: .shortAndLong, help: "Output .png, .pdf or .svg (all: one multi-page PDF, or FILE-LAYER.png/.svg).")
    var output: String

    @Option(name: .long, help: "Canvas size WIDTHxHEIGHT in pixels (vector pages keep the proportions).")
    var size: String = "2480x1754"

    @Option(name: .long, help: "Weights file (default: the bundled trained weights).")
    var weights: String?

    func validate() throws {
        guard let (w, h) = FrameSizeOption.parse(size), w >= 320, h >= 240 else {
            throw ValidationError("--size must look like 2480x1754 (at least 320x240), got \(size)")
        }
        let layers = ["conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "output", "all"]
        guard layers.contains(layer) else {
            throw ValidationError("--layer must be one of \(layers.joined(separator: ", ")), got \(layer)")
        }
        let ext = (output as NSString).pathExtension.lowercased()
        guard ["png", "pdf", "svg"].contains(ext) else {
            throw ValidationError("-o must end in .png, .pdf or .svg, got \(output)")
        }
    }

    func run() throws {
        let network = try Predict.loadNetwork(weights)
        let (w, h) = FrameSizeOption.parse(size) ?? (2480, 1754)
        try Interruptible.run { _ in
            let input = try resolveInput(image)
            try PosterJob.run(input: input, network: network, layer: layer, output: output, width: w, height: h)
        }
    }
}

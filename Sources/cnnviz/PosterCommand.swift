import ArgumentParser
import Foundation
import Studio

/// `cnnviz poster IMAGE --layer NAME|all -o FILE.png|.pdf|.svg [--size WxH]`.
struct Poster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a poster of one layer (or all) for IMAGE: every map with its colour scale and kernels.")

    @Argument(help: "PNG or JPEG file, mnist:test:INDEX (needs MNIST_DIR) or sample:N.")
    var image: String

    @Option(
        name: .long,
        help:
            "Layer: a stage of the model (the bundled LeNet's are conv1, pool1, conv2, pool2, fc1, fc2, output; `cnnviz describe` lists a model's), or all."
    )
    var layer: String

    @Option(name: .shortAndLong, help: "Output .png, .pdf or .svg (all: one multi-page PDF, or FILE-LAYER.png/.svg).")
    var output: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Canvas size WIDTHxHEIGHT in pixels, at least 320x240 (vector pages keep the proportions).", valueName: "WxH"))
    var size = FrameSize(width: PosterJob.defaultSize.width, height: PosterJob.defaultSize.height)

    @OptionGroup var network: NetworkOptions
    @OptionGroup var imageOptions: ImageOptions
    @OptionGroup var label: LabelOption

    func validate() throws {
        try size.check(as: .poster, option: "--size")
        // The model's stage names; a model file that cannot be read is reported by run(),
        // with its file and line, rather than as a command-line mistake.
        if let stages = try? network.source.architecture().stages() {
            let layers = stages.map(\.name.rawValue) + ["all"]
            guard layers.contains(layer) else {
                throw ValidationError("--layer must be one of \(layers.joined(separator: ", ")), got \(layer)")
            }
        }
        guard PosterJob.Format(rawValue: (output as NSString).pathExtension.lowercased()) != nil else {
            throw ValidationError("-o must end in .png, .pdf or .svg, got \(output)")
        }
    }

    func run() throws {
        let network = try network.source.load()
        try Interruptible.run { _ in
            let input = try label.applied(to: resolveInput(image, options: imageOptions.preprocessing()), classes: network.classCount)
            try PosterJob.run(
                input: input, network: network, layer: layer, output: output,
                width: size.width, height: size.height)
        }
    }
}

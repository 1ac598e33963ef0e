import ArgumentParser
import Foundation
import Studio

/// `cnnviz still IMAGE -o FILE.png [--size WxH] [--yaw D] [--elevation D]`: one frame of the
/// whole network.
struct Still: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one still frame of the whole network reading IMAGE (PNG output).")

    @Argument(help: "PNG or JPEG file, mnist:test:INDEX (needs MNIST_DIR) or sample:N.")
    var image: String

    @Option(name: .shortAndLong, help: "Output PNG file.")
    var output: String

    @Option(name: .long, help: ArgumentHelp("Frame size WIDTHxHEIGHT (16…8192).", valueName: "WxH"))
    var size = FrameSize(width: StillJob.Options().width, height: StillJob.Options().height)

    @Option(name: .long, help: "Camera yaw in degrees (0 = side view, negative = toward the input).")
    var yaw: Double = StillJob.Options().yaw

    @Option(name: .long, help: "Camera elevation in degrees (−89…89, as in an orbit).")
    var elevation: Double = StillJob.Options().elevation

    @Option(name: .long, help: "Forward-pass progress 0…1 (default: every layer lit).")
    var reveal: Double?

    @Flag(name: .long, help: "Leave the background transparent.")
    var transparent = false

    @OptionGroup var network: NetworkOptions
    @OptionGroup var imageOptions: ImageOptions
    @OptionGroup var label: LabelOption

    func validate() throws {
        try size.check(as: .picture, option: "--size")
        guard output.lowercased().hasSuffix(".png") else { throw ValidationError("-o must name a .png file, got \(output)") }
        if let reveal { try SceneRules.revealProgress.check(reveal, option: "--reveal") }
        try SceneRules.yaw.check(yaw, option: "--yaw")
        try SceneRules.elevation.check(elevation, option: "--elevation")
    }

    func run() throws {
        let network = try network.source.load()
        var options = StillJob.Options()
        options.width = size.width
        options.height = size.height
        options.yaw = yaw
        options.elevation = elevation
        options.reveal = reveal
        options.style.transparentBackground = transparent
        try Interruptible.run { _ in
            let input = try label.applied(to: resolveInput(image, options: imageOptions.preprocessing()), classes: network.classCount)
            try StillJob.run(input: input, network: network, output: output, options: options)
        }
    }
}

import ArgumentParser
import Foundation
import Studio

/// `cnnviz sweep IMAGE --vary rotate:-60:60 -o out.mp4|.png|.pdf|.svg`: how robust is the answer?
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vary one input along a range (rotate, shift, scale, thickness, erase) and show the answer change.",
        discussion: """
            A video (.mp4 .gif .webm or a folder) shows the network and a plot of the top-3 probabilities \
            against the amount as it moves; a figure (.png .pdf .svg) shows the curves with thumbnails along \
            the axis. Flip points, where the top answer changes, are marked in both.
            """)

    @Argument(help: "PNG or JPEG file, a strokes file (.json, .svg), mnist:test:INDEX (needs MNIST_DIR) or sample:N.")
    var image: String

    @Option(name: .long, help: ArgumentHelp("KIND:FROM:TO, KIND one of rotate, shift, scale, thickness, erase.", valueName: "KIND:FROM:TO"))
    var vary: String

    @Option(name: .shortAndLong, help: "Output: a video (.mp4, .gif, .webm, folder) or a figure (.png, .pdf, .svg).")
    var output: String

    @Option(name: .long, help: ArgumentHelp("Video frame size WIDTHxHEIGHT (even sides).", valueName: "WxH"))
    var size = SweepSpec().size

    @Option(name: .long, help: "Video frames per second (1…240).")
    var fps = SweepSpec().fps

    @Option(name: .long, help: "Seconds the video takes from FROM to TO.")
    var seconds = SweepSpec().seconds

    @Option(name: .long, help: "Seconds the video holds on TO.")
    var hold = SweepSpec().hold

    @Option(name: .long, help: "Amounts sampled for the curves (2…2001).")
    var steps = SweepSpec().steps

    @OptionGroup var network: NetworkOptions
    @OptionGroup var flags: RenderFlags

    func validate() throws {
        if case .failure(let error) = SweepRange.parse(vary) { throw ValidationError("--vary: \(error)") }
        try SceneRules.fps.check(fps, option: "--fps")
        try SceneRules.seconds.check(seconds, option: "--seconds")
        try SceneRules.hold.check(hold, option: "--hold")
        try SceneRules.sweepSteps.check(steps, option: "--steps")
        if !spec.isFigure {
            try size.check(as: .video, option: "--size")
            do { _ = try VideoFormat.forPath(output) } catch { throw ValidationError("-o: \(error)") }
        }
    }

    /// The spec these options describe.
    var spec: SweepSpec {
        var spec = SweepSpec()
        spec.file = output
        if case .success(let range) = SweepRange.parse(vary) { spec.range = range }
        spec.size = size
        spec.fps = fps
        spec.seconds = seconds
        spec.hold = hold
        spec.steps = steps
        return spec
    }

    func run() throws {
        let options = flags.renderOptions(network: network.source)
        try Interruptible.run { cancel in
            let network = try options.network.load()
            let input = try resolveInput(image)
            try SweepJob.run(spec, input: input, network: network, style: SceneStyle(), options: options, cancel: cancel, log: flags.log)
        }
    }
}

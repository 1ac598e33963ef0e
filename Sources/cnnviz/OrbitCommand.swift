import ArgumentParser
import Foundation
import Studio

/// `cnnviz orbit IMAGE -o FILE`: an orbit video of the network reading IMAGE, no scene file.
struct Orbit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render an orbit video of the network reading IMAGE (.mp4 .gif .webm, or a folder of PNGs).",
        discussion: """
            Shard a long render with --frames A:B: each slice (starting on a multiple of the fps) goes to its \
            own file, and `cnnviz concat` joins the slices into the same video as one run.
            """)

    @Argument(help: "PNG or JPEG file, mnist:test:INDEX (needs MNIST_DIR) or sample:N.")
    var image: String

    @Option(name: .shortAndLong, help: "Output: .mp4, .gif, .webm, or a folder path for numbered PNG frames.")
    var output: String

    @Option(name: .long, help: ArgumentHelp("Frame size WIDTHxHEIGHT (even sides, 16…8192).", valueName: "WxH"))
    var size = OrbitSpec().size

    @Option(name: .long, help: "Frames per second (1…240).")
    var fps = OrbitSpec().fps

    @Option(name: .long, help: "Length in seconds, reveal included.")
    var seconds = OrbitSpec().seconds

    @Option(name: .long, help: "Camera elevation in degrees (−89…89).")
    var elevation = OrbitSpec().elevation

    @Option(name: .long, help: "Camera motion after the intro: swing (to either side and back) or turn (needs --seconds 18 or more).")
    var motion = OrbitSpec().motion

    @Option(name: .long, help: "Largest swing to either side of the start view, in degrees (0…80).")
    var swing = OrbitSpec().swing

    @Option(name: .long, help: "Full turns of the camera (with --motion turn).")
    var turns = OrbitSpec().turns

    @Option(name: .long, help: "Intro before the camera moves.")
    var reveal = OrbitSpec().reveal

    @OptionGroup var network: NetworkOptions
    @OptionGroup var imageOptions: ImageOptions
    @OptionGroup var label: LabelOption
    @OptionGroup var flags: RenderFlags

    func validate() throws {
        try size.check(as: .video, option: "--size")
        try SceneRules.fps.check(fps, option: "--fps")
        try SceneRules.seconds.check(seconds, option: "--seconds")
        try SceneRules.elevation.check(elevation, option: "--elevation")
        try SceneRules.turns.check(turns, option: "--turns")
        try SceneRules.swing.check(swing, option: "--swing")
        if motion == .turn, seconds < OrbitMotion.minimumTurnSeconds {
            throw ValidationError(
                "--motion turn needs --seconds \(Int(OrbitMotion.minimumTurnSeconds)) or more (got \(seconds)): a shorter turn is too fast to read"
            )
        }
        do { _ = try VideoFormat.forPath(output) } catch { throw ValidationError("-o: \(error)") }
        if let frames = flags.frames {
            do { _ = try OrbitJob(spec: spec, frames: frames.range).frameRange() } catch {
                throw ValidationError("--frames: \(error)")
            }
        }
    }

    /// The spec these options describe.
    var spec: OrbitSpec {
        var spec = OrbitSpec()
        spec.file = output
        spec.size = size
        spec.fps = fps
        spec.seconds = seconds
        spec.elevation = elevation
        spec.motion = motion
        spec.swing = swing
        spec.turns = turns
        spec.reveal = reveal
        return spec
    }

    func run() throws {
        let options = flags.renderOptions(network: network.source)
        try Interruptible.run { cancel in
            let network = try options.network.load()
            let input = try label.applied(to: resolveInput(image, options: imageOptions.preprocessing()), classes: network.classCount)
            let report = try SceneRenderJob.renderOrbit(
                spec, input: input, network: network, style: SceneStyle(),
                options: options, cancel: cancel)
            flags.log(SceneRenderJob.summary(report))
        }
    }
}

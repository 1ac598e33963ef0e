import ArgumentParser
import Foundation
import Studio

/// `cnnviz replay STROKES -o out.mp4`: the network reading a digit while it is drawn.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a video of the network reading a digit while it is drawn (strokes JSON or SVG).",
        discussion: """
            Each frame preprocesses the drawing so far and runs the network on it; until a digit is found \
            the prediction panel says so. Changes of answer that hold for 0.3 s are marked ("1 → 7"). \
            Shard with --frames A:B like an orbit and join the slices with `cnnviz concat`.
            """)

    @Argument(help: "A strokes file (.json, format 1), an SVG drawing (.svg), or sample:N for a bundled digit's strokes.")
    var strokes: String

    @Option(name: .shortAndLong, help: "Output: .mp4, .gif, .webm, or a folder path for numbered PNG frames.")
    var output: String

    @Option(name: .long, help: ArgumentHelp("Frame size WIDTHxHEIGHT (even sides, 16…8192).", valueName: "WxH"))
    var size = ReplaySpec().size

    @Option(name: .long, help: "Frames per second (1…240).")
    var fps = ReplaySpec().fps

    @Option(name: .long, help: "Seconds on the finished digit.")
    var hold = ReplaySpec().hold

    @Option(name: .long, help: "Seconds of empty canvas before the first stroke.")
    var leadIn = ReplaySpec().leadIn

    @Option(name: .long, help: "Camera: fixed (three-quarter view) or drift (a slow 20° turn).")
    var camera = ReplaySpec().camera

    @Option(name: .long, help: "Camera yaw in degrees.")
    var yaw = ReplaySpec().yaw

    @Option(name: .long, help: "Camera elevation in degrees (−89…89).")
    var elevation = ReplaySpec().elevation

    @OptionGroup var network: NetworkOptions
    @OptionGroup var flags: RenderFlags

    func validate() throws {
        try size.check(as: .video, option: "--size")
        try SceneRules.fps.check(fps, option: "--fps")
        try SceneRules.hold.check(hold, option: "--hold")
        try SceneRules.leadIn.check(leadIn, option: "--lead-in")
        try SceneRules.yaw.check(yaw, option: "--yaw")
        try SceneRules.elevation.check(elevation, option: "--elevation")
        do { _ = try VideoFormat.forPath(output) } catch { throw ValidationError("-o: \(error)") }
    }

    /// The spec these options describe.
    var spec: ReplaySpec {
        var spec = ReplaySpec()
        spec.file = output
        spec.size = size
        spec.fps = fps
        spec.hold = hold
        spec.leadIn = leadIn
        spec.camera = camera
        spec.yaw = yaw
        spec.elevation = elevation
        return spec
    }

    func run() throws {
        let options = flags.renderOptions(network: network.source)
        try Interruptible.run { cancel in
            let network = try options.network.load()
            let path = try ReplayJob.strokesPath(spec, input: strokes)
            let report = try ReplayJob.run(spec, strokesPath: path, network: network, style: SceneStyle(), options: options, cancel: cancel)
            flags.log(ReplayJob.summary(report))
        }
    }
}

/// `fixed` or `drift`.
extension ReplayCamera: ExpressibleByArgument {}

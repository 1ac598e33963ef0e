import ArgumentParser
import Foundation
import Studio

/// `burned`, `sidecar` or `both`.
extension CaptionMode: ExpressibleByArgument {}

/// `cnnviz tour IMAGE -o FILE`: the default lesson, generated from the architecture.
struct Tour: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a narrated camera tour of the network reading IMAGE (.mp4 or .webm).",
        discussion: """
            The lesson is generated from the model: an orbit, the forward pass, the input, every layer flown to \
            (and opened when it has maps) with a caption saying what it does, a neuron close-up in the first \
            convolution and the first dense layer, and the prediction. Chapters go into the video; captions are \
            burned in (--captions sidecar writes NAME.srt and NAME.vtt instead; both draws them and writes NAME.captions/NAME.srt and .vtt, where players do not load them a second time). For your own shots write a scene \
            with a tour output and use `cnnviz render`.
            """)

    @Argument(help: "PNG or JPEG file, mnist:test:INDEX (needs MNIST_DIR) or sample:N.")
    var image: String

    @Option(name: .shortAndLong, help: "Output: .mp4 or .webm.")
    var output: String

    @Option(name: .long, help: ArgumentHelp("Frame size WIDTHxHEIGHT (even sides, 16…8192).", valueName: "WxH"))
    var size = TourSpec().size

    @Option(name: .long, help: "Frames per second (1…240).")
    var fps = TourSpec().fps

    @Option(
        name: .long,
        help: "Captions: burned (in the picture), sidecar (NAME.srt and NAME.vtt) or both (drawn, and NAME.captions/NAME.srt, .vtt).")
    var captions = TourSpec().captions

    @Option(name: .long, help: "A voice-over (WAV, M4A, MP3) muxed into the video.")
    var audio: String?

    @Flag(name: .long, help: "Print the shot timeline and exit without rendering.")
    var check = false

    @OptionGroup var network: NetworkOptions
    @OptionGroup var flags: RenderFlags

    func validate() throws {
        try size.check(as: .video, option: "--size")
        try SceneRules.fps.check(fps, option: "--fps")
        let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
        guard ext == "mp4" || ext == "webm" else { throw ValidationError("-o: a tour is written as .mp4 or .webm, got \(output)") }
    }

    /// The spec these options describe.
    var spec: TourSpec {
        var spec = TourSpec()
        spec.file = output
        spec.size = size
        spec.fps = fps
        spec.captions = captions
        spec.audio = audio
        return spec
    }

    func run() throws {
        let options = flags.renderOptions(network: network.source)
        try Interruptible.run { cancel in
            let network = try options.network.load()
            let input = try resolveInput(image)
            if let audio, !FileManager.default.isReadableFile(atPath: audio) {
                throw StudioError.badInput(file: audio, reason: "no readable audio file")
            }
            let prepared = try TourJob.prepare(
                spec, input: input, network: network, style: SceneStyle(), ffmpeg: options.video.ffmpeg)
            if check {
                print(TourJob.timelineText(prepared, spec: spec))
                return
            }
            let report = try TourJob.render(spec, prepared: prepared, options: options, cancel: cancel)
            flags.log(SceneRenderJob.summary(report))
        }
    }
}

import ArgumentParser
import Foundation
import Studio

/// `cnnviz orbit IMAGE -o FILE`: an orbit video of the network reading IMAGE, no scene file.
struct Orbit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render an orbit video of the network reading IMAGE (.mp4 .gif .webm, or a folder of PNGs).",
        discussion: """
            Shard a long render with --frames: each slice (starting on a multiple of the fps) goes to its \
            own file, and `cnnviz concat` joins the slices into the same video as one run.
            """)

    @Argument(help: "PNG file, mnist:test:INDEX (needs MNIST_DIR) or sample:N.")
    var image: String

    @Option(name: .shortAndLong, help: "Output: .mp4, .gif, .webm, or a folder path for numbered PNG frames.")
    var output: String

    @Option(name: .long, help: "Frame size WIDTHxHEIGHT (even sides).")
    var size: String = "1280x720"

    @Option(name: .long, help: "Frames per second.")
    var fps: Int = 30

    @Option(name: .long, help: "Length in seconds, reveal included.")
    var seconds: Double = 12

    @Option(name: .long, help: "Camera elevation in degrees.")
    var elevation: Double = 20

    @Option(name: .long, help: "Full turns of the camera.")
    var turns: Double = 1

    @Option(name: .long, help: "Intro: forward-pass or none.")
    var reveal: String = "forward-pass"

    @Option(name: .long, help: "Render only frames A..<B (a shard for `cnnviz concat`).")
    var frames: String?

    @OptionGroup var flags: RenderFlags

    func validate() throws {
        guard let size = FrameSize.parse(size) else {
            throw ValidationError("--size must look like 1280x720 with even sides in 16…8192, got \(size)")
        }
        guard (1...240).contains(fps) else { throw ValidationError("--fps must be in 1…240, got \(fps)") }
        guard seconds > 0, seconds <= 3600 else { throw ValidationError("--seconds must be in (0, 3600], got \(seconds)") }
        guard (-89...89).contains(elevation) else { throw ValidationError("--elevation must be in −89…89, got \(elevation)") }
        guard Reveal(rawValue: reveal) != nil else { throw ValidationError("--reveal must be forward-pass or none, got \(reveal)") }
        do { _ = try VideoFormat.forPath(output) } catch { throw ValidationError("\(error)") }
        if let frames {
            guard let range = parseFrameRange(frames) else { throw ValidationError("--frames must look like 0..<180, got \(frames)") }
            do { _ = try job(size: size, frames: range).frameRange() } catch { throw ValidationError("--frames: \(error)") }
        }
    }

    /// The spec these options describe.
    func spec(size: FrameSize) -> OrbitSpec {
        var spec = OrbitSpec()
        spec.file = output
        spec.size = size
        spec.fps = fps
        spec.seconds = seconds
        spec.elevation = elevation
        spec.turns = turns
        spec.reveal = Reveal(rawValue: reveal) ?? .forwardPass
        return spec
    }

    func job(size: FrameSize, frames: Range<Int>?) -> OrbitJob {
        OrbitJob(spec: spec(size: size), frames: frames)
    }

    func run() throws {
        let options = flags.renderOptions(frames: frames)
        let spec = spec(size: FrameSize.parse(size) ?? OrbitSpec().size)
        try Interruptible.run { cancel in
            let network = try SceneRenderJob.loadNetwork(weights: flags.weights)
            let input = try resolveInput(image)
            let report = try SceneRenderJob.renderOrbit(spec, input: input, network: network, style: SceneStyle(),
                                                        options: options, cancel: cancel)
            if !flags.quiet { Interruptible.printError(SceneRenderJob.summary(report)) }
        }
    }
}

/// Runs Studio work with Ctrl-C/SIGTERM turned into cancellation (every command that writes
/// runs its work through here), and maps failures to exit statuses: runtime failure 1,
/// interrupted 128 + the signal (130 for SIGINT, 143 for SIGTERM).
enum Interruptible {
    static func run(_ body: (CancellationFlag) throws -> Void) throws {
        let monitor = InterruptMonitor()
        defer { monitor.stop() }
        do {
            try body(monitor.flag)
        } catch let error as ExitCode {
            throw error
        } catch {
            if let status = monitor.exitStatus {
                printError("cnnviz: \(StudioError.interrupted)")
                throw ExitCode(status)
            }
            if case StudioError.interrupted = error {
                printError("cnnviz: \(StudioError.interrupted)")
                throw ExitCode(130)
            }
            throw RuntimeFailure("\(error)")
        }
        // The work finished as the signal arrived: its outputs are complete, but the status
        // still says the command was interrupted.
        if let status = monitor.exitStatus { throw ExitCode(status) }
    }

    /// Writes a line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

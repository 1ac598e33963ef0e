import CairoGraphics
import DigitNet
import Foundation
import Studio

/// On demand only (`CNNVizBench text-stress`): text drawn on many threads must never abort
/// (issue 9: Cairo 1.16's scaled-font cache, `cairo_scaled_font_destroy: Assertion
/// '! scaled_font->cache_frozen' failed`). Runs renders as child processes, one after
/// another, beside a busy loop (`sh -c 'while :; do :; done'`), and counts runs, frames,
/// aborts and other failures. Prints one summary line; exits 1 when any child failed.
///
/// Settings (environment):
/// - `TEXT_STRESS_MODE`: `orbit` (default): each child is the real main job,
///   `cnnviz orbit sample:7 -o TMP.mp4 --size S --fps F --seconds T --jobs J --preset ultrafast`;
///   `frames`: each child is this program rendering the orbit's frames (labels, legend and
///   prediction panel included) on J threads in memory, without encoding: more frames a second;
///   `labels`: each child draws only the labels of such frames (a fresh context per frame, the
///   frame renderer's fonts and sizes), the densest trigger: mostly scaled-font churn.
/// - `TEXT_STRESS_RUNS` (20), `TEXT_STRESS_JOBS` (32), `TEXT_STRESS_SIZE` (320x180),
///   `TEXT_STRESS_FPS` (240), `TEXT_STRESS_SECONDS` (12), `TEXT_STRESS_BUSY` (1 busy loop).
/// - `TEXT_STRESS_CNNVIZ`: the `cnnviz` binary (default: beside this one, so build it first
///   with `swift build -c release --product cnnviz`).
/// - `TEXT_STRESS_STOP=1`: stop at the first failed run (to show how soon it fails).
///
/// The densest trigger of the issue, 300 runs:
/// `TEXT_STRESS_RUNS=300 swift run -c release CNNVizBench text-stress`
func textStressSuite() throws -> [Row] {
    let settings = TextStressSettings(environment: ProcessInfo.processInfo.environment)
    let busy = try (0..<settings.busyLoops).map { _ in try startBusyLoop() }
    defer { for loop in busy { loop.terminate(); loop.waitUntilExit() } }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnnviz-text-stress-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    var tally = TextStressTally()
    var seconds: [Double] = []
    for run in 0..<settings.runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let outcome = try runChild(settings, output: folder.appendingPathComponent("run.mp4").path)
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        tally.add(outcome, framesPerRun: settings.framesPerRun)
        if !outcome.succeeded {
            FileHandle.standardError.write("run \(run + 1): \(outcome.description)\n\(outcome.stderrTail)\n".data(using: .utf8)!)
            if settings.stopAtFirstFailure { break }
        }
        if (run + 1) % 10 == 0 {
            FileHandle.standardError.write("\(tally.summary)\n".data(using: .utf8)!)
        }
    }
    let line = "text-stress (\(settings.description)): \(tally.summary)"
    print(line)
    let rows = [
        Row(
            benchmark: "text-stress \(settings.description)",
            median: formatSeconds(Stats(samples: seconds).median) + " / run", detail: tally.summary)
    ]
    guard tally.failures == 0 else { throw TextStressFailure(summary: line) }
    return rows
}

/// `CNNVizBench text-stress-child frames|labels JOBS SIZE FPS SECONDS`: renders every frame
/// of that orbit (the main job's frames: reveal, orbit camera, labels), or only its labels,
/// on JOBS threads, prints the frame count and exits 0. Any abort kills this process, which
/// the parent counts.
func textStressChild(_ arguments: [String]) throws -> Int {
    guard arguments.count == 5, ["frames", "labels"].contains(arguments[0]), let jobs = Int(arguments[1]), jobs > 0,
        let size = FrameSize.parse(arguments[2]), let fps = Int(arguments[3]), fps > 0,
        let seconds = Double(arguments[4]), seconds > 0
    else {
        throw TextStressFailure(summary: "usage: text-stress-child frames|labels JOBS WIDTHxHEIGHT FPS SECONDS")
    }
    var spec = OrbitSpec()
    spec.size = size
    spec.fps = fps
    spec.seconds = seconds
    let count = spec.frameCount
    let source: any FrameSource
    if arguments[0] == "labels" {
        source = LabelFrames(size: size)
    } else {
        let network = try Network(.lenet, weights: .bundled)
        source = try NetworkFrameSource(
            network: network, input: try resolveInput("sample:7"), spec: spec,
            style: SceneStyle())
    }
    let done = DispatchGroup()
    let errors = ErrorBox()
    for worker in 0..<jobs {
        done.enter()
        let thread = Thread {
            defer { done.leave() }
            do {
                for index in stride(from: worker, to: count, by: jobs) { _ = try source.frame(index) }
            } catch {
                errors.record(error)
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    done.wait()
    if let error = errors.first { throw error }
    print(count)
    return count
}

/// The settings read from `TEXT_STRESS_*`.
struct TextStressSettings: CustomStringConvertible {
    var mode: String
    var runs: Int
    var jobs: Int
    var size: String
    var fps: Int
    var seconds: Double
    var busyLoops: Int
    var cnnviz: String
    var stopAtFirstFailure: Bool

    init(environment env: [String: String]) {
        mode = env["TEXT_STRESS_MODE"] ?? "orbit"
        runs = env["TEXT_STRESS_RUNS"].flatMap(Int.init) ?? 20
        jobs = env["TEXT_STRESS_JOBS"].flatMap(Int.init) ?? 32
        size = env["TEXT_STRESS_SIZE"] ?? "320x180"
        fps = env["TEXT_STRESS_FPS"].flatMap(Int.init) ?? 240
        seconds = env["TEXT_STRESS_SECONDS"].flatMap(Double.init) ?? 12
        busyLoops = env["TEXT_STRESS_BUSY"].flatMap(Int.init) ?? 1
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("cnnviz").path
        cnnviz = env["TEXT_STRESS_CNNVIZ"] ?? sibling
        stopAtFirstFailure = env["TEXT_STRESS_STOP"] == "1"
    }

    /// Frames one complete run renders.
    var framesPerRun: Int { Int((Double(fps) * seconds).rounded()) }

    var description: String {
        "\(mode), \(size), \(fps) fps × \(seconds) s = \(framesPerRun) frames/run, \(jobs) threads, \(busyLoops) busy loop(s)"
    }

    /// The child's executable and arguments.
    func command(output: String) -> (String, [String]) {
        if mode == "frames" || mode == "labels" {
            return (CommandLine.arguments[0], ["text-stress-child", mode, "\(jobs)", size, "\(fps)", "\(seconds)"])
        }
        return (
            cnnviz,
            [
                "orbit", "sample:7", "-o", output, "--size", size, "--fps", "\(fps)", "--seconds", "\(seconds)",
                "--jobs", "\(jobs)", "--preset", "ultrafast", "--quiet",
            ]
        )
    }
}

/// How one child ended.
struct ChildOutcome: CustomStringConvertible {
    var signal: Int32?
    var status: Int32
    var stderrTail: String
    var succeeded: Bool { signal == nil && status == 0 }
    var aborted: Bool { signal == SIGABRT }
    var description: String {
        if let signal { return "killed by signal \(signal)\(signal == SIGABRT ? " (SIGABRT)" : "")" }
        return "exit \(status)"
    }
}

/// Counts over all runs.
struct TextStressTally {
    var runs = 0, completed = 0, frames = 0, aborts = 0, otherSignals = 0, failedExits = 0
    var failures: Int { aborts + otherSignals + failedExits }

    mutating func add(_ outcome: ChildOutcome, framesPerRun: Int) {
        runs += 1
        if outcome.succeeded {
            completed += 1
            frames += framesPerRun
        } else if outcome.aborted {
            aborts += 1
        } else if outcome.signal != nil {
            otherSignals += 1
        } else {
            failedExits += 1
        }
    }

    var summary: String {
        "\(runs) runs, \(completed) completed, \(frames) frames in completed runs, \(aborts) aborts, "
            + "\(otherSignals) other signals, \(failedExits) failed exits"
    }
}

struct TextStressFailure: Error, CustomStringConvertible {
    var summary: String
    var description: String { summary }
}

/// First error any worker thread threw.
private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    func record(_ error: Error) { lock.withLock { if stored == nil { stored = error } } }
    var first: Error? { lock.withLock { stored } }
}

/// Runs one child to the end; its stdout is discarded, the end of its stderr kept.
private func runChild(_ settings: TextStressSettings, output: String) throws -> ChildOutcome {
    let (executable, arguments) = settings.command(output: output)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    let bytes = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // The assertion line when there is one (a Swift backtrace follows it), else the end.
    let text = String(decoding: bytes, as: UTF8.self)
    let tail =
        text.split(separator: "\n").first { $0.contains("Assertion") }.map(String.init)
        ?? String(text.suffix(600))
    if process.terminationReason == .uncaughtSignal {
        return ChildOutcome(signal: process.terminationStatus, status: 0, stderrTail: tail)
    }
    return ChildOutcome(signal: nil, status: process.terminationStatus, stderrTail: tail)
}

/// A shell spinning forever on one core, ended by the caller.
private func startBusyLoop() throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "while :; do :; done"]
    try process.run()
    return process
}

/// Frames holding only text: the layer names, shapes, captions and digits a network frame
/// labels, in the frame renderer's font at its sizes (17, 14, 12 and 11 px at 1080 lines,
/// scaled to the frame), each frame on a fresh context like `FrameRenderer.render`.
private struct LabelFrames: FrameSource {
    let size: FrameSize
    static let lines = [
        "input", "1×28×28", "conv1", "6×28×28", "pool1", "6×14×14", "conv2", "16×10×10",
        "pool2", "16×5×5", "fc1", "120", "fc2", "84", "output", "10", "5×5 conv", "2×2 max",
        "ReLU", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "PREDICTION", "ACTIVATION",
    ]

    func frame(_ index: Int) throws -> [UInt8] {
        let surface = try ImageSurface(width: size.width, height: size.height)
        let c = try Context(surface)
        let s = Double(size.height) / 1080
        for (i, line) in Self.lines.enumerated() {
            c.save()
            c.translate(Double((i * 37 + index) % size.width), Double((i * 23) % size.height))
            c.selectFont("DejaVu Sans", weight: (i + index) % 3 == 0 ? .bold : .normal)
            c.setFontSize([17.0, 14, 12, 11][(i + index) % 4] * s)
            c.setColor(RGBA(0.9, 0.9, 0.9))
            c.drawText(line, x: 0, y: 0, align: i % 2 == 0 ? .center : .right)
            c.restore()
        }
        try c.checkStatus()
        return []
    }
}

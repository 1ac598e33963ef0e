import Foundation
import TestSupport
import Testing

/// A `cnnviz` run in the background, to be signalled while it works.
final class BackgroundRun {
    let process = Process()
    let errors: URL

    /// Starts `cnnviz arguments` in `folder`, its stderr going to a file there.
    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
        guard let binary = CNNVizBinary.url else { throw SignalTestError.notBuilt }
        errors = folder.appendingPathComponent("stderr-\(UInt32.random(in: 0...UInt32.max)).txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    var pid: pid_t { process.processIdentifier }

    /// True when the run was killed by a signal rather than exiting (a handled interrupt exits).
    var diedBySignal: Bool { !process.isRunning && process.terminationReason == .uncaughtSignal }

    /// What the run wrote on stderr so far.
    var stderr: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// Sends `signal`.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits at most `seconds` for the run to end; its exit status (128 + N when killed by
    /// signal N), or nil when it is still running (then it is killed).
    func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        guard !process.isRunning else {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}

/// Why a background run could not start.
enum SignalTestError: Error { case notBuilt }

/// Polls `condition` every 10 ms for at most `seconds`; true when it came true.
func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// Every path under `folder`, relative, hidden files included.
func allFiles(_ folder: URL) -> [String] {
    (FileManager.default.subpaths(atPath: folder.path) ?? []).sorted()
}

/// True when `pid` no longer runs (gone, or a zombie nobody has reaped yet).
func processIsDead(_ pid: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) != 0 }
    guard let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state == "Z" || state == "X"
}

/// The real ffmpeg on PATH, if any.
let realFFmpeg: String? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return folders.map { "\($0)/ffmpeg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// A fake ffmpeg in `folder` that records its pid in `ffmpeg.pid` and then runs `body`.
func fakeFFmpeg(_ body: String, in folder: URL) throws -> (script: URL, pidfile: URL) {
    let pidfile = folder.appendingPathComponent("ffmpeg.pid")
    let script = folder.appendingPathComponent("fake-ffmpeg")
    try Data("#!/bin/sh\necho $$ > '\(pidfile.path)'\n\(body)\n".utf8).write(to: script)
    chmod(script.path, 0o755)
    return (script, pidfile)
}

/// The pid a fake ffmpeg recorded, once it has.
func recordedPid(_ pidfile: URL, within seconds: Double = 10) -> pid_t? {
    var pid: pid_t?
    _ = eventually(seconds) {
        pid = (try? String(contentsOf: pidfile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return pid != nil
    }
    return pid
}

/// Every command that writes handles SIGINT and SIGTERM: exit 130 / 143, nothing under the
/// final name, no partial file anywhere, no ffmpeg left. And the encoder pipe never hangs.
@Suite("signals and stuck encoders", .requiresCNNVizBinary)
struct SignalTests {
    /// A long-ish job for each writing command; `DIR` stands for the scratch folder. The
    /// final outputs are `DIR/out.*` (and `DIR/steps` for preprocess).
    static let jobs: [String: [String]] = [
        "orbit": ["orbit", "sample:7", "--size", "640x360", "--fps", "30", "--seconds", "30", "--quiet", "-o", "DIR/out.mp4"],
        // A PDF of all layers takes half a second; one PNG per layer at this size takes ~7 s each.
        "poster": ["poster", "sample:7", "--layer", "all", "--size", "8192x5792", "-o", "DIR/out.png"],
        "preprocess": ["preprocess", "sample:7", "--scale", "8", "-o", "DIR/out.png", "--steps-dir", "DIR/steps"],
        "still": ["still", "sample:7", "--size", "8192x8192", "-o", "DIR/out.png"],
    ]

    @Test(
        "SIGINT exits 130 and SIGTERM 143 leaving nothing behind",
        arguments: ["orbit", "poster", "preprocess", "still"], [SIGINT, SIGTERM])
    func interrupt(job: String, signal: Int32) throws {
        let scratch = try ScratchFolder("signal-\(job)")
        defer { scratch.remove() }
        let folder = scratch.url
        let fake = try fakeFFmpeg("exec '\(realFFmpeg ?? "ffmpeg")' \"$@\"", in: folder)
        let arguments = Self.jobs[job]!.map { $0.replacingOccurrences(of: "DIR", with: folder.path) }
        let run = try BackgroundRun(arguments, in: folder, environment: ["CNNVIZ_FFMPEG": fake.script.path])
        // Signal once a staging file exists (or after a moment, for jobs that stage late).
        _ = eventually(job == "orbit" ? 10 : 1.5) { allFiles(folder).contains { $0.contains(".partial-") } }
        usleep(200_000)
        let sent = Date()
        run.send(signal)
        let status = run.wait(seconds: 10)
        let took = Date().timeIntervalSince(sent)
        #expect(status == 128 + signal, "\(job): status \(String(describing: status)); \(run.stderr)")
        #expect(!run.diedBySignal && run.stderr.contains("interrupted"), "\(job) did not handle the signal: \(run.stderr)")
        #expect(took < 4, "\(job) took \(took) s to end")
        let left = allFiles(folder).filter { !$0.hasPrefix("stderr-") && !$0.hasPrefix("fake-ffmpeg") && $0 != "ffmpeg.pid" }
        #expect(!left.contains { $0.contains(".partial") }, "\(job): \(left)")
        #expect(!left.contains { $0.hasPrefix("out") }, "\(job): \(left)")
        if job == "orbit" {
            let pid = try #require(recordedPid(fake.pidfile))
            #expect(eventually(1) { processIsDead(pid) }, "ffmpeg \(pid) outlived cnnviz")
        }
    }

    @Test("train stops on SIGTERM with 143 and writes no weights", .requiresMNIST)
    func interruptTraining() throws {
        let scratch = try ScratchFolder("signal-train")
        defer { scratch.remove() }
        let folder = scratch.url
        let mnist = try MNISTFixture.requiredDirectory()
        let output = folder.appendingPathComponent("w.safetensors").path
        let run = try BackgroundRun(["train", "--mnist", mnist, "--epochs", "20", "--limit", "60000", "-o", output], in: folder)
        usleep(2_500_000)
        let sent = Date()
        run.send(SIGTERM)
        let status = run.wait(seconds: 10)
        #expect(status == 143, "\(run.stderr)")
        #expect(!run.diedBySignal && run.stderr.contains("interrupted"), "train did not handle the signal: \(run.stderr)")
        #expect(Date().timeIntervalSince(sent) < 4)
        #expect(!allFiles(folder).contains { $0.contains("safetensors") }, "\(allFiles(folder))")
    }

    @Test("an encoder that stops reading is an error naming the output, not a hang")
    func stalledEncoder() throws {
        let scratch = try ScratchFolder("stall")
        defer { scratch.remove() }
        let folder = scratch.url
        let fake = try fakeFFmpeg("exec sleep 60", in: folder)
        let output = folder.appendingPathComponent("out.mp4").path
        let run = try BackgroundRun(
            ["orbit", "sample:7", "--size", "320x180", "--seconds", "2", "--quiet", "-o", output], in: folder,
            environment: ["CNNVIZ_FFMPEG": fake.script.path, "CNNVIZ_ENCODER_STALL_SECONDS": "1"])
        let status = run.wait(seconds: 15)
        #expect(status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("stopped reading frames for 1 s while writing \(output)"), "\(run.stderr)")
        #expect(!run.stderr.contains(".partial"), "\(run.stderr)")
        let pid = try #require(recordedPid(fake.pidfile))
        #expect(eventually(1) { processIsDead(pid) })
        #expect(!allFiles(folder).contains { $0.contains(".partial") || $0 == "out.mp4" }, "\(allFiles(folder))")
    }

    @Test(
        "Ctrl-C ends a render within two seconds even when ffmpeg stopped reading or ignores SIGTERM",
        arguments: ["exec sleep 60", "trap '' TERM\nexec sleep 60"])
    func ctrlCWithStuckEncoder(body: String) throws {
        let scratch = try ScratchFolder("stuck")
        defer { scratch.remove() }
        let folder = scratch.url
        let fake = try fakeFFmpeg(body, in: folder)
        let output = folder.appendingPathComponent("out.mp4").path
        let run = try BackgroundRun(
            ["orbit", "sample:7", "--size", "320x180", "--seconds", "2", "--quiet", "-o", output], in: folder,
            environment: ["CNNVIZ_FFMPEG": fake.script.path])
        let pid = try #require(recordedPid(fake.pidfile))
        usleep(500_000)
        let sent = Date()
        run.send(SIGINT)
        let status = run.wait(seconds: 10)
        let took = Date().timeIntervalSince(sent)
        #expect(status == 130, "\(run.stderr)")
        #expect(!run.diedBySignal)
        #expect(took < 3.5, "took \(took) s")
        #expect(eventually(1) { processIsDead(pid) }, "the stuck ffmpeg \(pid) was left running")
        #expect(!allFiles(folder).contains { $0.contains(".partial") || $0 == "out.mp4" }, "\(allFiles(folder))")
    }

    @Test(
        "ffmpeg dies with a SIGKILLed cnnviz, and a later run removes the stale partial",
        .enabled(if: realFFmpeg != nil, "needs ffmpeg"))
    func killNine() throws {
        let scratch = try ScratchFolder("kill9")
        defer { scratch.remove() }
        let folder = scratch.url
        let fake = try fakeFFmpeg("exec '\(realFFmpeg ?? "ffmpeg")' \"$@\"", in: folder)
        let output = folder.appendingPathComponent("out.mp4").path
        let run = try BackgroundRun(
            ["orbit", "sample:7", "--size", "640x360", "--seconds", "30", "--quiet", "-o", output], in: folder,
            environment: ["CNNVIZ_FFMPEG": fake.script.path])
        #expect(eventually(10) { allFiles(folder).contains { $0.hasPrefix(".out.partial-") } })
        usleep(300_000)
        let pid = try #require(recordedPid(fake.pidfile))
        run.send(SIGKILL)
        #expect(run.wait(seconds: 5) == 128 + SIGKILL)
        #expect(eventually(1) { processIsDead(pid) }, "ffmpeg \(pid) outlived a SIGKILLed cnnviz")
        usleep(300_000)
        #expect(!FileManager.default.fileExists(atPath: output), "ffmpeg finalised the video under its final name")
        // ffmpeg was killed with cnnviz, not left to see end-of-input and finalise the file: the
        // partial has no `moov` box (an mp4 gets one only when ffmpeg writes its trailer).
        let partial = try #require(allFiles(folder).first { $0.hasPrefix(".out.partial-") })
        let bytes = try Data(contentsOf: folder.appendingPathComponent(partial))
        #expect(bytes.range(of: Data("moov".utf8)) == nil, "ffmpeg finalised the temporary file (\(bytes.count) bytes)")
        // The partial left by the killed run is this host's and its process is gone: the next run removes it.
        let again = try CNNVizBinary.run(["orbit", "sample:7", "--size", "64x36", "--fps", "2", "--seconds", "1", "--quiet", "-o", output])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))
        #expect(!allFiles(folder).contains { $0.contains(".partial") }, "\(allFiles(folder))")
    }

    @Test("a folder or a non-executable file as --ffmpeg gets a plain message")
    func unusableFFmpeg() throws {
        let scratch = try ScratchFolder("ffmpeg-folder")
        defer { scratch.remove() }
        let folder = scratch.url
        let plain = folder.appendingPathComponent("plain")
        try Data("x".utf8).write(to: plain)
        for (ffmpeg, reason) in [(folder.path, "it is a folder, not a program"), (plain.path, "it is not executable")] {
            let result = try CNNVizBinary.run([
                "orbit", "sample:7", "--size", "64x36", "--fps", "2", "--seconds", "1", "--quiet",
                "--ffmpeg", ffmpeg, "-o", folder.appendingPathComponent("o.mp4").path,
            ])
            #expect(result.status == 1)
            #expect(result.stderr.contains("cannot run ffmpeg '\(ffmpeg)': \(reason)"), "\(result.stderr)")
            #expect(!result.stderr.contains("could not be completed"), "\(result.stderr)")
        }
    }
}

/// A full disk is reported as such, naming the output the user gave.
@Suite("full disk", .requiresCNNVizBinary, .enabled(if: getuid() == 0, "needs root to mount a tiny tmpfs"))
struct FullDiskTests {
    @Test(
        "no space left on device, naming the output",
        arguments: [
            ["still", "sample:7", "--size", "1920x1080", "-o", "MNT/still.png"],
            ["poster", "sample:7", "--layer", "all", "-o", "MNT/poster.pdf"],
            ["orbit", "sample:7", "--size", "640x360", "--fps", "30", "--seconds", "2", "--quiet", "-o", "MNT/orbit.mp4"],
        ])
    func full(arguments: [String]) throws {
        let scratch = try ScratchFolder("tmpfs")
        defer { scratch.remove() }
        let mount = scratch.url
        let mounted = Process()
        mounted.executableURL = URL(fileURLWithPath: "/bin/mount")
        mounted.arguments = ["-t", "tmpfs", "-o", "size=48k", "tmpfs", mount.path]
        mounted.standardError = FileHandle.nullDevice
        guard (try? mounted.run()) != nil else { return }
        mounted.waitUntilExit()
        guard mounted.terminationStatus == 0 else {
            print("skipped: cannot mount a tmpfs here")
            return
        }
        defer {
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = [mount.path]
            try? unmount.run()
            unmount.waitUntilExit()
        }
        let args = arguments.map { $0.replacingOccurrences(of: "MNT", with: mount.path) }
        let output = try #require(args.first { $0.hasPrefix(mount.path) })
        let result = try CNNVizBinary.run(args)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("no space left on device writing \(output)"), "\(result.stderr)")
        #expect(!result.stderr.contains(".partial"), "\(result.stderr)")
        #expect(allFiles(mount).isEmpty, "\(allFiles(mount))")
    }
}

import Foundation
import Studio
import TestSupport
import Testing

/// A pid that belonged to a process which has ended (a `true` run to completion).
private func deadPid() throws -> pid_t {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

/// True when `pid` no longer runs (gone, or a zombie nobody has reaped yet).
func processIsDead(_ pid: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) != 0 }
    guard let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state == "Z" || state == "X"
}

/// This machine's name as `gethostname` gives it.
private func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, 255)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Writes an executable shell script.
private func script(_ text: String, at url: URL) throws -> URL {
    try Data(("#!/bin/sh\n" + text + "\n").utf8).write(to: url)
    chmod(url.path, 0o755)
    return url
}

@Suite("staged outputs: host-named temporary files, stale partials, interrupts")
struct StagedOutputTests {
    @Test("the staging name carries the host and pid, hidden beside the output")
    func stagingName() throws {
        let scratch = try ScratchFolder("studio-name")
        defer { scratch.remove() }
        let folder = scratch.url
        let staged = try StagedOutput(path: folder.appendingPathComponent("orbit.mp4").path, cleanup: InterruptCleanup())
        let name = staged.staging.lastPathComponent
        #expect(name.hasPrefix(".orbit.partial-\(hostName())-\(getpid())-"), "\(name)")
        #expect(name.hasSuffix(".mp4"))
        #expect(staged.staging.deletingLastPathComponent() == staged.final.deletingLastPathComponent())
    }

    @Test("a later run deletes only its own host's partials of dead processes")
    func staleCleanup() throws {
        let scratch = try ScratchFolder("studio-stale")
        defer { scratch.remove() }
        let folder = scratch.url
        let host = hostName()
        let dead = try deadPid()
        let live = getppid()
        let files = [
            "stale": ".orbit.partial-\(host)-\(dead)-17.mp4",
            "live": ".orbit.partial-\(host)-\(live)-18.mp4",
            "mine": ".orbit.partial-\(host)-\(getpid())-19.mp4",
            "otherHost": ".orbit.partial-other-host.example-\(dead)-20.mp4",
            "otherOutput": ".poster.partial-\(host)-\(dead)-21.mp4",
            "user": "orbit.partial-notes.mp4",
        ]
        for name in files.values { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
        // A stale frames-folder partial holding a file cnnviz did not make keeps that file.
        let frames = folder.appendingPathComponent(".frames.partial-\(host)-\(dead)-5")
        try FileManager.default.createDirectory(at: frames, withIntermediateDirectories: true)
        for name in [".cnnviz-frames", "frame-000001.png", "keep.txt"] {
            try Data("x".utf8).write(to: frames.appendingPathComponent(name))
        }
        let cleanup = InterruptCleanup()
        let staged = try StagedOutput(path: folder.appendingPathComponent("orbit.mp4").path, cleanup: cleanup)
        _ = try StagedOutput(path: folder.appendingPathComponent("frames").path, kind: .framesFolder, cleanup: cleanup)
        let left = Set(listing(folder))
        #expect(!left.contains(files["stale"]!))
        for kept in ["live", "mine", "otherHost", "otherOutput", "user"] {
            #expect(left.contains(files[kept]!), "\(kept) was deleted")
        }
        #expect(listing(frames) == ["keep.txt"])
        #expect(!left.contains(staged.staging.lastPathComponent), "nothing written yet")
    }

    @Test("after an interrupt nothing is committed or started, and the staged file is gone")
    func interruptRefusesCommit() throws {
        let scratch = try ScratchFolder("studio-interrupt")
        defer { scratch.remove() }
        let folder = scratch.url
        let cleanup = InterruptCleanup()
        let output = folder.appendingPathComponent("out.png")
        let staged = try StagedOutput(path: output.path, cleanup: cleanup)
        try Data("partial".utf8).write(to: staged.staging)
        #expect(cleanup.isInterrupted == false)
        cleanup.interrupt()
        #expect(throws: StudioError.interrupted) { try staged.commit() }
        #expect(listing(folder).isEmpty)
        #expect(throws: StudioError.interrupted) { _ = try StagedOutput(path: output.path, cleanup: cleanup) }
    }

    @Test("a write error names the output and the reason, never the temporary file")
    func writeErrorMessages() throws {
        let scratch = try ScratchFolder("studio-messages")
        defer { scratch.remove() }
        let folder = scratch.url
        let staged = try StagedOutput(path: folder.appendingPathComponent("poster.pdf").path, cleanup: InterruptCleanup())
        let full = staged.failure(NSError(domain: "x", code: 1), errno: ENOSPC)
        #expect(full.description == "no space left on device writing \(staged.userPath)")
        let readOnly = staged.failure(NSError(domain: "x", code: 1), errno: EROFS)
        #expect(readOnly.description.hasPrefix("read-only file system writing "))
        #expect(!full.description.contains(".partial"))
    }
}

@Suite("the encoder pipe: stalls, escalation, unusable ffmpeg")
struct EncoderPipeTests {
    static let size = FrameSize(width: 320, height: 180)

    /// A writer on a fake ffmpeg running `body`; the fake records its pid in `pidfile`.
    func writer(_ body: String, folder: URL, stall: Double, grace: Double) throws -> (FFmpegVideoWriter, URL) {
        let pidfile = folder.appendingPathComponent("ffmpeg.pid")
        let fake = try script("echo $$ > '\(pidfile.path)'\n" + body, at: folder.appendingPathComponent("fake-ffmpeg"))
        let options = VideoOptions(ffmpeg: FFmpegLocator(explicit: fake.path), timeouts: EncoderTimeouts(stall: stall, killGrace: grace))
        let writer = try FFmpegVideoWriter(
            path: folder.appendingPathComponent("out.mp4").path, format: .mp4,
            size: Self.size, fps: 30, options: options)
        return (writer, pidfile)
    }

    /// The pid a fake ffmpeg wrote, waiting up to 2 s for it.
    func pid(in file: URL) throws -> pid_t {
        for _ in 0..<200 {
            if let text = try? String(contentsOf: file, encoding: .utf8),
                let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return pid
            }
            usleep(10_000)
        }
        throw StudioError.badInput(file: file.path, reason: "the fake ffmpeg never started")
    }

    @Test("an encoder that stops reading is an error naming the output after the stall time")
    func stall() throws {
        let scratch = try ScratchFolder("studio-stall")
        defer { scratch.remove() }
        let folder = scratch.url
        let (writer, pidfile) = try writer("exec sleep 30", folder: folder, stall: 0.5, grace: 1)
        let frame = [UInt8](repeating: 0, count: PixelFormat.yuv420p.frameBytes(Self.size))
        let start = Date()
        var thrown: (any Error)?
        do {
            for index in 0..<10 { try writer.write(frame, index: index) }
        } catch { thrown = error }
        let elapsed = Date().timeIntervalSince(start)
        let error = try #require(thrown as? StudioError)
        guard case .encoderStalled(let output, let seconds) = error else {
            Issue.record("expected a stall, got \(error)")
            return
        }
        #expect(output.hasSuffix("out.mp4"))
        #expect(seconds == 0.5)
        #expect(elapsed >= 0.5 && elapsed < 3, "gave up after \(elapsed) s")
        #expect(processIsDead(try pid(in: pidfile)))
        #expect(listing(folder).allSatisfy { !$0.contains(".partial") }, "\(listing(folder))")
    }

    @Test("an ffmpeg ignoring SIGTERM is SIGKILLed after the grace period")
    func escalation() throws {
        let scratch = try ScratchFolder("studio-escalate")
        defer { scratch.remove() }
        let folder = scratch.url
        let (writer, pidfile) = try writer("trap '' TERM\nexec sleep 30", folder: folder, stall: 30, grace: 0.4)
        let pid = try pid(in: pidfile)
        let start = Date()
        writer.abort()
        let elapsed = Date().timeIntervalSince(start)
        #expect(processIsDead(pid))
        #expect(elapsed >= 0.35 && elapsed < 3, "ended after \(elapsed) s")
        #expect(listing(folder).allSatisfy { !$0.contains(".partial") }, "\(listing(folder))")
    }

    @Test("a folder or a non-executable file as ffmpeg gets a plain message")
    func unusableFFmpeg() throws {
        let scratch = try ScratchFolder("studio-unusable")
        defer { scratch.remove() }
        let folder = scratch.url
        let plain = folder.appendingPathComponent("not-a-program")
        try Data("hello".utf8).write(to: plain)
        for (path, reason) in [(folder.path, "it is a folder, not a program"), (plain.path, "it is not executable")] {
            #expect(throws: StudioError.ffmpegUnusable(path: path, reason: reason, output: "x.mp4")) {
                _ = try FFmpegLocator(explicit: path).locate(for: "x.mp4")
            }
        }
        // Executable but not a program the kernel can start: exec's own reason, no Foundation text.
        let garbage = folder.appendingPathComponent("garbage")
        try Data([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]).write(to: garbage)
        chmod(garbage.path, 0o755)
        let options = VideoOptions(ffmpeg: FFmpegLocator(explicit: garbage.path))
        do {
            _ = try FFmpegVideoWriter(
                path: folder.appendingPathComponent("o.mp4").path, format: .mp4, size: Self.size, fps: 30, options: options)
            Issue.record("a garbage ffmpeg started")
        } catch let error as StudioError {
            #expect(error.description.hasPrefix("cannot run ffmpeg '\(garbage.path)': exec format error"), "\(error)")
        }
        #expect(listing(folder).allSatisfy { !$0.contains(".partial") }, "\(listing(folder))")
    }
}

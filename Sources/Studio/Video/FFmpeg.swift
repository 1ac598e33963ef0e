import Foundation

/// Finds the `ffmpeg` executable: an explicit path, else `CNNVIZ_FFMPEG`, else `ffmpeg` on PATH.
public struct FFmpegLocator: Sendable {
    /// An explicit path or name; nil searches the environment.
    public var explicit: String?

    /// Creates a locator; pass a path to force a particular binary (tests pass a missing one).
    public init(explicit: String? = nil) { self.explicit = explicit }

    /// The executable, or `StudioError.ffmpegMissing` naming where it looked.
    public func locate(for output: String) throws(StudioError) -> URL {
        let environment = ProcessInfo.processInfo.environment
        let wanted = explicit ?? environment["CNNVIZ_FFMPEG"] ?? "ffmpeg"
        if wanted.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: wanted) else {
                throw .ffmpegMissing(looked: "'\(wanted)'", output: output)
            }
            return URL(fileURLWithPath: wanted)
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for folder in folders {
            let candidate = "\(folder)/\(wanted)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        throw .ffmpegMissing(looked: "'\(wanted)' on PATH", output: output)
    }
}

/// A running ffmpeg child reading raw frames on its stdin. Its stderr is drained on a
/// background thread (so a chatty ffmpeg never blocks) and kept for error messages.
final class FFmpegProcess {
    private let process = Process()
    private let input = Pipe()
    private let errors = Pipe()
    private let errorText = LockedText()
    private let drained = DispatchGroup()
    private var inputClosed = false
    /// The output being written, for error messages.
    let output: String

    /// Starts `executable` with `arguments`.
    init(executable: URL, arguments: [String], output: String) throws(StudioError) {
        self.output = output
        // A dead ffmpeg must turn writes into EPIPE errors, not kill cnnviz with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw .ffmpegMissing(looked: "'\(executable.path)' (\(error.localizedDescription))", output: output)
        }
        let handle = errors.fileHandleForReading
        let text = errorText
        drained.enter()
        let group = drained
        Thread.detachNewThread {
            let data = handle.readDataToEndOfFile()
            text.set(String(decoding: data, as: UTF8.self))
            group.leave()
        }
    }

    /// Writes all of `bytes` to ffmpeg's stdin.
    func write(_ bytes: [UInt8]) throws(StudioError) {
        let fd = input.fileHandleForWriting.fileDescriptor
        let failed: Int32? = bytes.withUnsafeBytes { raw -> Int32? in
            guard var pointer = raw.baseAddress else { return nil }
            var remaining = raw.count
            while remaining > 0 {
                let written = Foundation.write(fd, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                pointer += written
                remaining -= written
            }
            return nil
        }
        if let failed {
            // ffmpeg went away; report what it said rather than the broken pipe.
            let status = closeAndWait()
            throw .ffmpegFailed(output: output, status: status, message: lastError(or: String(cString: strerror(failed))))
        }
    }

    /// Closes stdin, waits for ffmpeg, and throws unless it exited with status 0.
    func finish() throws(StudioError) {
        let status = closeAndWait()
        guard status == 0 else {
            throw .ffmpegFailed(output: output, status: status, message: lastError(or: ""))
        }
    }

    /// Ends ffmpeg now (SIGTERM) and waits for it; used on failure and Ctrl-C.
    func terminate() {
        if process.isRunning { process.terminate() }
        _ = closeAndWait()
    }

    private func closeAndWait() -> Int32 {
        if !inputClosed {
            inputClosed = true
            try? input.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        drained.wait()
        return process.terminationStatus
    }

    private func lastError(or fallback: String) -> String {
        let lines = errorText.get().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.isEmpty ? fallback : lines.suffix(3).joined(separator: "; ")
    }
}

/// A string shared between the stderr-draining thread and the owner.
private final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func set(_ value: String) { lock.withLock { text = value } }
    func get() -> String { lock.withLock { text } }
}

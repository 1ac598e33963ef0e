import CSpawn
import Foundation

/// Finds the `ffmpeg` executable: an explicit path, else `CNNVIZ_FFMPEG`, else `ffmpeg` on PATH.
public struct FFmpegLocator: Sendable {
    /// An explicit path or name; nil searches the environment.
    public var explicit: String?

    /// Creates a locator; pass a path to force a particular binary (tests pass a missing one).
    public init(explicit: String? = nil) { self.explicit = explicit }

    /// The executable, or `StudioError.ffmpegMissing` naming where it looked, or
    /// `ffmpegUnusable` when the path names a folder or a file that is not executable.
    public func locate(for output: String) throws(StudioError) -> URL {
        let environment = ProcessInfo.processInfo.environment
        let wanted = explicit ?? environment["CNNVIZ_FFMPEG"] ?? "ffmpeg"
        if wanted.contains("/") {
            var info = stat()
            guard stat(wanted, &info) == 0 else { throw .ffmpegMissing(looked: "'\(wanted)'", output: output) }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw .ffmpegUnusable(path: wanted, reason: "it is a folder, not a program", output: output)
            }
            guard access(wanted, X_OK) == 0 else {
                throw .ffmpegUnusable(path: wanted, reason: "it is not executable", output: output)
            }
            return URL(fileURLWithPath: wanted)
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for folder in folders {
            let candidate = "\(folder)/\(wanted)"
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return URL(fileURLWithPath: candidate)
            }
        }
        throw .ffmpegMissing(looked: "'\(wanted)' on PATH", output: output)
    }
}

/// How long to wait for a stuck encoder before giving up on it, and for an ended one to go.
public struct EncoderTimeouts: Sendable, Equatable {
    /// An encoder that takes no bytes for this many seconds is an error, not a hang.
    public var stall: Double
    /// After SIGTERM, seconds to wait before SIGKILL.
    public var killGrace: Double

    /// Creates timeouts; the defaults are what cnnviz uses.
    public init(stall: Double = EncoderTimeouts.defaultStall, killGrace: Double = 2) {
        self.stall = stall
        self.killGrace = killGrace
    }

    /// 30 s, or `CNNVIZ_ENCODER_STALL_SECONDS` when set to a positive number (tests use 1).
    public static var defaultStall: Double {
        if let text = ProcessInfo.processInfo.environment["CNNVIZ_ENCODER_STALL_SECONDS"],
            let value = Double(text), value > 0, value.isFinite
        {
            return value
        }
        return 30
    }
}

/// A running ffmpeg child reading raw frames on its stdin, started through ``ChildProcess``
/// (so it dies with cnnviz). Its stdin is non-blocking: a write waits in `poll` and gives up
/// when the job is cancelled or ffmpeg takes nothing for `timeouts.stall` seconds. Its stderr
/// is drained on a background thread (so a chatty ffmpeg never blocks) and kept for messages.
final class FFmpegProcess {
    private let child: ChildProcess
    private var input: Int32
    private let errorText = LockedText()
    private let drained = DispatchGroup()
    private let cancel: CancellationFlag
    private let cleanup: InterruptCleanup
    private let timeouts: EncoderTimeouts
    /// The output being written, as the user named it, for messages.
    let output: String
    /// The temporary file ffmpeg writes, replaced by `output` in its messages.
    private let staging: String?

    /// Starts `executable` with `arguments`, writing `output` (through `staging`).
    init(
        executable: URL, arguments: [String], output: String, staging: String?, cancel: CancellationFlag,
        timeouts: EncoderTimeouts = EncoderTimeouts(), cleanup: InterruptCleanup = .shared
    ) throws(StudioError) {
        self.output = output
        self.staging = staging
        self.cancel = cancel
        self.cleanup = cleanup
        self.timeouts = timeouts
        // A dead ffmpeg must turn writes into EPIPE errors, not kill cnnviz with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var stdinPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard Self.makePipe(&stdinPipe), Self.makePipe(&stderrPipe), null >= 0 else {
            for fd in stdinPipe + stderrPipe + [null] where fd >= 0 { close(fd) }
            throw .ffmpegUnusable(path: executable.path, reason: "cannot make pipes: \(String(cString: strerror(errno)))", output: output)
        }
        do {
            child = try ChildProcess(
                executable: executable.path, arguments: arguments,
                stdin: stdinPipe[0], stdout: null, stderr: stderrPipe[1], cleanup: cleanup)
        } catch {
            for fd in stdinPipe + stderrPipe + [null] { close(fd) }
            throw .ffmpegUnusable(path: executable.path, reason: String(cString: strerror(error.code)).lowercased(), output: output)
        }
        close(stdinPipe[0])
        close(stderrPipe[1])
        close(null)
        input = stdinPipe[1]
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        let errors = stderrPipe[0]
        let text = errorText
        drained.enter()
        let group = drained
        Thread.detachNewThread {
            text.drain(errors)
            close(errors)
            group.leave()
        }
    }

    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        fds.withUnsafeMutableBufferPointer { cnnviz_pipe($0.baseAddress) } == 0
    }

    /// Writes all of `bytes` to ffmpeg's stdin. Throws `interrupted` when the job is
    /// cancelled, `encoderStalled` when ffmpeg takes nothing for the stall time, or ffmpeg's
    /// own error when it has exited.
    func write(_ bytes: [UInt8]) throws(StudioError) {
        let fd = input
        var failure: Int32?
        var stalled = false
        let stoppedBy = bytes.withUnsafeBytes { raw -> Bool in
            guard var pointer = raw.baseAddress else { return false }
            var remaining = raw.count
            var lastProgress = DispatchTime.now().uptimeNanoseconds
            while remaining > 0 {
                if cancel.isCancelled || cleanup.isInterrupted { return true }
                let written = Foundation.write(fd, pointer, remaining)
                if written > 0 {
                    pointer += written
                    remaining -= written
                    lastProgress = DispatchTime.now().uptimeNanoseconds
                    continue
                }
                if written < 0, errno == EINTR { continue }
                if written < 0, errno != EAGAIN, errno != EWOULDBLOCK {
                    failure = errno
                    return false
                }
                var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, 100)
                if Double(DispatchTime.now().uptimeNanoseconds - lastProgress) / 1e9 >= timeouts.stall {
                    stalled = true
                    return false
                }
            }
            return false
        }
        if stoppedBy {
            terminate()
            throw .interrupted
        }
        if stalled {
            terminate()
            throw .encoderStalled(output: output, seconds: timeouts.stall)
        }
        if let failure {
            // ffmpeg went away; report what it said rather than the broken pipe.
            closeInput()
            let status = child.wait(seconds: timeouts.killGrace) ?? child.terminate(grace: timeouts.killGrace)
            throw error(status: status, or: String(cString: strerror(failure)))
        }
    }

    /// Closes stdin and waits for ffmpeg to finish the file; throws unless it exited with
    /// status 0. Cancellable: an interrupt ends ffmpeg and throws `interrupted`.
    func finish() throws(StudioError) {
        closeInput()
        guard let status = child.wait(stop: { cancel.isCancelled || cleanup.isInterrupted }) else {
            terminate()
            throw .interrupted
        }
        _ = drained.wait(timeout: .now() + 2)
        guard status == 0 else { throw error(status: status, or: "") }
    }

    /// Ends ffmpeg now: SIGTERM, then SIGKILL after the grace period; used on failure and Ctrl-C.
    func terminate() {
        closeInput()
        child.terminate(grace: timeouts.killGrace)
        _ = drained.wait(timeout: .now() + 1)
    }

    private func closeInput() {
        if input >= 0 {
            close(input)
            input = -1
        }
    }

    private func error(status: Int32, or fallback: String) -> StudioError {
        _ = drained.wait(timeout: .now() + 1)
        let lines = errorText.get().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let message = lines.isEmpty ? fallback : lines.suffix(3).joined(separator: "; ")
        return OutputFailure.ffmpegError(status: status, message: message, userPath: output, staging: staging)
    }

    deinit {
        closeInput()
    }
}

/// The text ffmpeg writes on stderr, shared between the draining thread and the owner (the
/// last 64 KiB are kept).
private final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    /// Reads `fd` to its end.
    func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            lock.withLock {
                bytes += buffer.prefix(count)
                if bytes.count > 65536 { bytes.removeFirst(bytes.count - 65536) }
            }
        }
    }

    func get() -> String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
}

import Foundation

/// What an interrupt must undo, for the whole process: the staging paths of outputs being
/// written and the child processes running. Signals are process-wide by nature, so this is
/// the one process-wide piece of mutable state in cnnviz (``shared``); everything in it is
/// behind one lock.
///
/// The rule it keeps: once ``interrupt()`` has been called, no staged output is committed
/// (``StagedOutput/commit()`` asks here, under the same lock as the rename) and no new one is
/// started. Jobs then unwind and delete their staging files themselves; ``forceExit(status:)``
/// is the backstop when one is stuck in a long synchronous write: it kills the children,
/// deletes every registered staging path and ends the process.
public final class InterruptCleanup: @unchecked Sendable {
    /// The list every job registers with.
    public static let shared = InterruptCleanup()

    private let lock = NSLock()
    private var staging: [Int: String] = [:]
    private var children: [Int: pid_t] = [:]
    private var nextToken = 0
    private var interrupted = false

    /// Creates an empty list (tests make their own; jobs use ``shared``).
    public init() {}

    /// True once ``interrupt()`` has been called.
    public var isInterrupted: Bool { lock.withLock { interrupted } }

    /// From now on no staged output is committed or started.
    public func interrupt() { lock.withLock { interrupted = true } }

    /// Registers a staging path to delete on interrupt; throws `interrupted` instead when an
    /// interrupt has already arrived, so a job stops before starting its next output.
    func register(staging path: String) throws(StudioError) -> Int {
        let token: Int? = lock.withLock {
            guard !interrupted else { return nil }
            nextToken += 1
            staging[nextToken] = path
            return nextToken
        }
        guard let token else { throw .interrupted }
        return token
    }

    /// Forgets a staging path (deleted or committed).
    func unregister(staging token: Int) { _ = lock.withLock { staging.removeValue(forKey: token) } }

    /// Runs `commit` (the rename of a staged output to its final name) unless an interrupt has
    /// arrived, holding the lock so that ``forceExit(status:)`` cannot run halfway through it.
    func commit(staging token: Int, _ commit: () throws(StudioError) -> Void) throws(StudioError) {
        lock.lock()
        defer { lock.unlock() }
        guard !interrupted else { throw .interrupted }
        try commit()
        staging.removeValue(forKey: token)
    }

    /// Registers a running child to kill on a forced exit.
    func register(child pid: pid_t) -> Int {
        lock.withLock {
            nextToken += 1
            children[nextToken] = pid
            return nextToken
        }
    }

    /// Forgets a child that has ended (call before reaping it, so its pid cannot be reused first).
    func unregister(child token: Int) { _ = lock.withLock { children.removeValue(forKey: token) } }

    /// Ends the process with `status` after SIGKILLing every registered child and deleting
    /// every registered staging path. Called from the interrupt monitor's own thread when a
    /// job has not unwound in time; uses only system calls, and holds the lock to the end so
    /// no commit can happen meanwhile.
    public func forceExit(status: Int32) -> Never {
        lock.lock()
        interrupted = true
        for pid in children.values { kill(pid, SIGKILL) }
        // A killed child may still hold its output open for a moment; wait (briefly) until it is gone.
        let deadline = DispatchTime.now().uptimeNanoseconds + 500_000_000
        for pid in children.values {
            var raw: Int32 = 0
            while waitpid(pid, &raw, WNOHANG) == 0, DispatchTime.now().uptimeNanoseconds < deadline { usleep(5_000) }
        }
        for path in staging.values { Self.removeStaged(path) }
        let signal = status - 128
        let name = signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "signal \(signal)"
        // The same line the command-line's error path prints for an interrupt that unwound.
        let message = "Error: \(StudioError.interrupted) (\(name))\n"
        _ = message.withCString { Foundation.write(2, $0, strlen($0)) }
        _exit(status)
    }

    /// Deletes a staging file, or a staging frames folder and the files in it.
    static func removeStaged(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        if let folder = opendir(path) {
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(folder)
        }
        rmdir(path)
    }
}

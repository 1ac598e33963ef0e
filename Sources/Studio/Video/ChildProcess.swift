import CSpawn
import Foundation

/// A program cnnviz started and must not leave behind: spawned through the `CSpawn` shim
/// (own process group, default signals, and on Linux killed by the kernel when cnnviz dies,
/// even by SIGKILL or abort), registered with ``InterruptCleanup`` while it runs, and ended
/// by SIGTERM, then SIGKILL after a grace period.
///
/// Wait for it on the thread that started it: the kernel's parent-death signal follows that
/// thread, so it must stay alive while the child runs (every job here does).
final class ChildProcess {
    /// Why a program could not be started: the errno of the failed fork or exec.
    struct SpawnFailure: Error { var code: Int32 }

    /// The child's process id.
    let pid: pid_t
    private let cleanup: InterruptCleanup
    private let token: Int
    private var status: Int32?

    /// Starts `executable` with `arguments` reading `stdin`, writing `stdout` and `stderr`
    /// (descriptors the caller keeps and closes).
    init(
        executable: String, arguments: [String], stdin: Int32, stdout: Int32, stderr: Int32,
        cleanup: InterruptCleanup = .shared
    ) throws(SpawnFailure) {
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var failure: Int32 = 0
        let pid = argv.withUnsafeBufferPointer { buffer in
            cnnviz_spawn(executable, buffer.baseAddress, stdin, stdout, stderr, &failure)
        }
        guard pid > 0 else { throw SpawnFailure(code: failure) }
        self.pid = pid
        self.cleanup = cleanup
        self.token = cleanup.register(child: pid)
    }

    /// The exit status once the child has ended (128 + N when killed by signal N), else nil.
    /// Never blocks.
    func poll() -> Int32? {
        if let status { return status }
        // Look without reaping first, so the pid leaves the cleanup list before it can be reused.
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info.senderPID() == pid else { return nil }
        cleanup.unregister(child: token)
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
        let code: Int32 = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        status = code
        return code
    }

    /// Waits for the child to end. Every `tick` seconds `stop()` is asked whether to give up
    /// waiting; the status is nil when it did.
    func wait(tick: Double = 0.05, stop: () -> Bool = { false }) -> Int32? {
        while true {
            if let status = poll() { return status }
            if stop() { return nil }
            usleep(UInt32(tick * 1_000_000))
        }
    }

    /// Waits at most `seconds` for the child to end.
    func wait(seconds: Double) -> Int32? {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9)
        return wait(tick: 0.01) { DispatchTime.now().uptimeNanoseconds >= deadline }
    }

    /// Sends SIGTERM, waits up to `grace` seconds, then SIGKILL; returns once the child is gone.
    @discardableResult
    func terminate(grace: Double) -> Int32 {
        if let status = poll() { return status }
        kill(pid, SIGTERM)
        if let status = wait(seconds: grace) { return status }
        kill(pid, SIGKILL)
        return wait { false } ?? 128 + SIGKILL
    }

    deinit {
        if status == nil { terminate(grace: 0.5) }
    }
}

extension siginfo_t {
    /// The pid field of a `waitid` result (glibc keeps it inside a union).
    fileprivate func senderPID() -> pid_t {
        #if os(Linux)
            return _sifields._sigchld.si_pid
        #else
            return self.si_pid
        #endif
    }
}

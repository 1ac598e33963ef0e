import Foundation

/// A thread-safe "stop now" flag shared by the scheduler, the writer and the signal handler.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    /// Creates a flag that is not set.
    public init() {}

    /// True once `cancel()` has been called.
    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Sets the flag; idempotent.
    public func cancel() { lock.withLock { cancelled = true } }
}

/// Turns SIGINT and SIGTERM into cancellation for every job of the process: the one signal
/// mechanism of cnnviz, installed once by each writing command around its work.
///
/// On the first signal it sets ``flag`` (jobs that poll it stop between frames or parts) and
/// calls ``InterruptCleanup/interrupt()`` (no staged output is committed or started after
/// that); jobs then unwind, ending their children and deleting their staging files, and the
/// command exits with ``exitStatus``. If a job is still busy `grace` seconds later (a long
/// synchronous Cairo write, a training epoch) or a second signal arrives,
/// ``InterruptCleanup/forceExit(status:)`` kills the children, deletes every registered
/// staging path and ends the process with the same status.
///
/// Signal dispositions are process-wide by nature; this is the only place that changes them.
/// The signals are handled on a dispatch queue, never in an asynchronous signal handler, so
/// the cleanup may use ordinary code.
public final class InterruptMonitor: @unchecked Sendable {
    /// Set when SIGINT or SIGTERM arrives.
    public let flag: CancellationFlag
    /// The first signal that arrived, if any.
    public var signalNumber: Int32? { lock.withLock { received } }
    /// The exit status the interrupted command should end with: 128 + the signal (130 for
    /// SIGINT, 143 for SIGTERM), or nil when no signal arrived.
    public var exitStatus: Int32? { signalNumber.map { 128 + $0 } }

    private let lock = NSLock()
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "cnnviz.interrupts")
    private let cleanup: InterruptCleanup
    private let grace: Double

    /// Starts watching SIGINT and SIGTERM. A job that has not unwound `grace` seconds after
    /// the signal is ended by ``InterruptCleanup/forceExit(status:)``.
    public init(flag: CancellationFlag = CancellationFlag(), cleanup: InterruptCleanup = .shared, grace: Double = 2.5) {
        self.flag = flag
        self.cleanup = cleanup
        self.grace = grace
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.arrived(number) }
            source.resume()
            sources.append(source)
        }
    }

    private func arrived(_ number: Int32) {
        let first: Int32? = lock.withLock {
            if let received { return received }
            received = number
            return nil
        }
        let cleanup = self.cleanup
        guard first == nil else {
            // A second Ctrl-C: the user does not want to wait for the unwinding.
            cleanup.forceExit(status: 128 + (first ?? number))
        }
        flag.cancel()
        cleanup.interrupt()
        queue.asyncAfter(deadline: .now() + grace) { cleanup.forceExit(status: 128 + number) }
    }

    /// Stops watching and restores the default handlers. A backstop already armed by a signal
    /// stays armed: the command is about to exit with ``exitStatus`` anyway.
    public func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    deinit { stop() }
}

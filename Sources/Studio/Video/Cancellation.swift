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

/// Turns SIGINT and SIGTERM into a `CancellationFlag` for the duration of a render, so an
/// interrupted render can end its ffmpeg child and delete its partial output before exiting.
///
/// Signal dispositions are process-wide by nature; this is the only place that changes them.
/// While a monitor is alive the two signals are ignored by default handling and delivered to a
/// dispatch source instead; `stop()` (or deinit) restores the default handlers.
public final class InterruptMonitor: @unchecked Sendable {
    /// Set when SIGINT or SIGTERM arrives.
    public let flag: CancellationFlag
    /// The signal that arrived, if any.
    public private(set) var signalNumber: Int32? {
        get { lock.withLock { received } }
        set { lock.withLock { received = newValue } }
    }
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "cnnviz.interrupts")

    /// Starts watching SIGINT and SIGTERM, setting `flag` when either arrives.
    public init(flag: CancellationFlag = CancellationFlag()) {
        self.flag = flag
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                self?.signalNumber = number
                self?.flag.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and restores the default handlers.
    public func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    deinit { stop() }
}

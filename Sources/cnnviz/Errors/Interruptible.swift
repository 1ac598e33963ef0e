import Foundation
import Studio

/// Runs Studio work with SIGINT/SIGTERM turned into cancellation. A run the signal stopped
/// throws `Interrupted` carrying the signal; `CommandFailure` turns it into 130 or 143.
enum Interruptible {
    static func run(_ body: (CancellationFlag) throws -> Void) throws {
        let monitor = InterruptMonitor()
        defer { monitor.stop() }
        do {
            try body(monitor.flag)
        } catch {
            if let signal = monitor.signalNumber { throw Interrupted(signal: signal) }
            if case StudioError.interrupted = error { throw Interrupted(signal: SIGINT) }
            throw error
        }
    }
}

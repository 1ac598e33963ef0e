import ArgumentParser
import Foundation
import Studio

/// The one way a command fails. Everything a command's `run()` throws ends here: the message
/// is printed once as `Error: <message>` (the message names the file, and for scene files the
/// line) and the process exits with the status the error calls for.
///
/// Exit statuses (the command-line contract):
/// - 64: the command line itself (unknown flag, bad value). These never reach this type:
///   ArgumentParser reports them while parsing and validating.
/// - 1: anything wrong inside a file, with an output path, or at run time.
/// - 130 / 143: interrupted by SIGINT / SIGTERM (128 + the signal number).
/// - whatever an `ExitCode` says, for a command that already reported its failures
///   (`predict` with some unreadable images).
enum CommandFailure {
    /// Prints `error` (unless already reported) and exits with its status.
    static func exit(with error: any Error) -> Never {
        if let message = message(for: error) { printError(message) }
        Foundation.exit(status(for: error))
    }

    /// The exit status for `error`. Keep every mapping here.
    static func status(for error: any Error) -> Int32 {
        switch error {
        case let code as ExitCode:
            return code.rawValue
        case let interrupted as Interrupted:
            return 128 + interrupted.signal
        case StudioError.interrupted:
            return 128 + SIGINT
        default:
            return 1
        }
    }

    /// The line to print for `error`, or nil when the command already reported it.
    static func message(for error: any Error) -> String? {
        switch error {
        case is ExitCode:
            return nil
        case let described as any CustomStringConvertible:
            return "Error: \(described.description)"
        default:
            return "Error: \(error.localizedDescription)"
        }
    }

    /// Reports one failure without exiting, for a command that goes on with its other inputs
    /// (`predict`) and exits with `ExitCode.failure` at the end.
    static func report(_ error: any Error) {
        if let message = message(for: error) { printError(message) }
    }

    /// True for ArgumentParser's own errors (help asked for, `ExitCode`, usage errors), which
    /// ArgumentParser reports itself.
    static func isArgumentParserError(_ error: any Error) -> Bool {
        if error is ExitCode || error is CleanExit || error is ValidationError { return true }
        return String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    /// Writes a line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A run stopped by a signal: exits 128 + `signal` (130 for SIGINT, 143 for SIGTERM).
struct Interrupted: Error, CustomStringConvertible {
    /// The signal that arrived.
    var signal: Int32

    var description: String {
        let name = signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "signal \(signal)"
        return "\(StudioError.interrupted) (\(name))"
    }
}

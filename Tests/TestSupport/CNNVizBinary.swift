import Foundation
import Testing

/// The built `cnnviz` executable and a way to run it, for tests of the command-line contract.
public enum CNNVizBinary {
    /// The executable: beside the test runner in the products folder (what `swift test`
    /// builds), else in a `.build*/release` folder of the repository. Nil when none is found.
    public static let url: URL? = {
        let manager = FileManager.default
        var candidates: [URL] = []
        if let runner = CommandLine.arguments.first {
            var folder = URL(fileURLWithPath: runner).deletingLastPathComponent()
            // Inside an .xctest bundle on macOS the runner sits deeper; walk up to the products folder.
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("cnnviz"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("cnnviz"))
        let root = Fixtures.repositoryRoot
        if let entries = try? manager.contentsOfDirectory(atPath: root.path) {
            for entry in entries.sorted() where entry.hasPrefix(".build") {
                candidates.append(root.appendingPathComponent("\(entry)/release/cnnviz"))
            }
        }
        return candidates.first { manager.isExecutableFile(atPath: $0.path) }
    }()

    /// Why tests that run the binary were skipped.
    public static let skipMessage = "the cnnviz binary is not built: run swift build -c release first"

    /// Thrown by `run` when there is no binary.
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { CNNVizBinary.skipMessage }
    }

    /// Runs `cnnviz arguments` from `directory` (default: the repository root, so `sample:N`
    /// resolves) with `environment` added to this process's, and waits for it to finish.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:],
        in directory: URL = Fixtures.repositoryRoot
    ) throws -> CLIRun {
        guard let binary = url else { throw NotBuilt() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain stderr on another thread so neither pipe fills up and blocks the child.
        let stderrBytes = CollectedBytes()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrBytes.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdoutBytes = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIRun(
            arguments: arguments, status: process.terminationStatus,
            stdout: String(decoding: stdoutBytes, as: UTF8.self),
            stderr: String(decoding: stderrBytes.data, as: UTF8.self))
    }
}

/// Bytes filled in by one reader thread and read after it finished (ordered by a `DispatchGroup`).
private final class CollectedBytes: @unchecked Sendable {
    var data = Data()
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the `cnnviz` binary is built; otherwise skips it saying so.
    public static var requiresCNNVizBinary: Self {
        .enabled(if: CNNVizBinary.url != nil, Comment(rawValue: CNNVizBinary.skipMessage))
    }
}

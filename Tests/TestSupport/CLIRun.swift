import Foundation

/// What one run of the binary did.
public struct CLIRun: Sendable, CustomStringConvertible {
    public var arguments: [String]
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// The non-empty lines of standard output.
    public var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    public var description: String {
        "cnnviz \(arguments.joined(separator: " ")) → exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)"
    }
}

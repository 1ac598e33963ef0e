import Foundation

/// A fresh, empty folder under the system's temporary directory for one test.
///
/// Its name carries the test's `name`, the process id and a random number, so parallel tests
/// and parallel runs never share one. Remove it with `remove()` (typically in a `defer`).
public struct ScratchFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Creates `cnnviz-NAME-PID-RANDOM` under the temporary directory.
    public init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cnnviz-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The folder's path.
    public var path: String { url.path }

    /// `name` inside the folder (not created).
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The names of the entries in the folder, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

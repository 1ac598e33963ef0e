import Foundation

/// An output written under a temporary name in its destination folder and renamed to its
/// final name only when complete, so a crash, Ctrl-C or failed encoder never leaves a partial
/// file under the final name.
public struct StagedOutput: Sendable {
    /// Where the finished output goes.
    public let final: URL
    /// Where it is written meanwhile: `.NAME.partial-PID-N.EXT` beside `final`.
    public let staging: URL

    /// What is written: a file, or a folder of frames.
    public let kind: OutputTarget.Kind
    /// The path as the user gave it, for messages.
    public let userPath: String

    /// Prepares a staging path for `path`, creating the destination folder if needed. Fails
    /// at once, before any work is done, when `path` names something cnnviz may not replace
    /// (see ``OutputTarget``).
    public init(path: String, kind: OutputTarget.Kind = .file) throws(StudioError) {
        let final = URL(fileURLWithPath: path).standardizedFileURL
        _ = try OutputTarget.check(final, userPath: path, kind: kind)
        let folder = final.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(file: path, reason: "cannot create folder \(folder.path)")
        }
        let name = final.lastPathComponent
        let ext = final.pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let stagingName = ".\(stem).partial-\(unique)" + (ext.isEmpty ? "" : ".\(ext)")
        self.final = final
        self.kind = kind
        self.userPath = path
        self.staging = folder.appendingPathComponent(stagingName)
    }

    /// Moves the staged output to its final name. A file or link there is replaced
    /// atomically; a folder only when ``OutputTarget`` allows it. On failure the staged output
    /// is deleted and nothing at the final name is touched.
    public func commit() throws(StudioError) {
        do {
            try OutputTarget.replace(final, with: staging, userPath: userPath, kind: kind)
        } catch {
            discard()
            throw error
        }
    }

    /// Deletes whatever was staged; safe to call when nothing was written.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

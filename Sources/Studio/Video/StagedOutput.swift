import Foundation

/// An output written under a temporary name in its destination folder and renamed to its
/// final name only when complete, so a crash, Ctrl-C or failed encoder never leaves a partial
/// file under the final name.
public struct StagedOutput: Sendable {
    /// Where the finished output goes.
    public let final: URL
    /// Where it is written meanwhile: `.NAME.partial-PID-N.EXT` beside `final`.
    public let staging: URL

    /// Prepares a staging path for `path`, creating the destination folder if needed.
    public init(path: String) throws(StudioError) {
        let final = URL(fileURLWithPath: path).standardizedFileURL
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
        self.staging = folder.appendingPathComponent(stagingName)
    }

    /// Moves the staged output to its final name, replacing what was there.
    public func commit() throws(StudioError) {
        let manager = FileManager.default
        // rename(2) replaces a file atomically; a folder has to be moved out of the way first.
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: final.path, isDirectory: &isFolder), isFolder.boolValue {
            do { try manager.removeItem(at: final) } catch {
                throw .writeFailed(file: final.path, reason: "cannot replace the existing folder")
            }
        }
        if rename(staging.path, final.path) != 0 {
            let reason = String(cString: strerror(errno))
            discard()
            throw .writeFailed(file: final.path, reason: reason)
        }
    }

    /// Deletes whatever was staged; safe to call when nothing was written.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

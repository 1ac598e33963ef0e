import Foundation

/// An output written under a temporary name in its destination folder and renamed to its
/// final name only when complete, so a crash, Ctrl-C or failed encoder never leaves a partial
/// file under the final name.
///
/// The temporary name is ``StagingName``'s `.NAME.partial-HOST-PID-N.EXT`. While it exists it
/// is registered with ``InterruptCleanup``, so an interrupt deletes it even when the job is
/// stuck in a synchronous write; after an interrupt nothing is committed or started. A
/// partial left by a run that died (SIGKILL, power loss) is deleted by the next run writing
/// the same output, but only when it was made on this host by a process that is gone.
public struct StagedOutput: Sendable {
    /// Where the finished output goes.
    public let final: URL
    /// Where it is written meanwhile: `.NAME.partial-HOST-PID-N.EXT` beside `final`.
    public let staging: URL

    /// What is written: a file, or a folder of frames.
    public let kind: OutputTarget.Kind
    /// The path as the user gave it, for messages.
    public let userPath: String

    private let cleanup: InterruptCleanup
    private let token: Int

    /// Prepares a staging path for `path`, creating the destination folder if needed. Fails
    /// at once, before any work is done, when `path` names something cnnviz may not replace
    /// (see ``OutputTarget``), and with `interrupted` once an interrupt has arrived.
    public init(path: String, kind: OutputTarget.Kind = .file, cleanup: InterruptCleanup = .shared) throws(StudioError) {
        let final = URL(fileURLWithPath: path).standardizedFileURL
        _ = try OutputTarget.check(final, userPath: path, kind: kind)
        let folder = final.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(file: path, reason: "cannot create folder \(folder.path)")
        }
        Self.removeStale(beside: final)
        let name = StagingName(
            output: final.lastPathComponent, host: StagingName.thisHost,
            pid: getpid(), serial: UInt32.random(in: 0...UInt32.max))
        let staging = folder.appendingPathComponent(name.fileName)
        self.token = try cleanup.register(staging: staging.path)
        self.cleanup = cleanup
        self.final = final
        self.kind = kind
        self.userPath = path
        self.staging = staging
    }

    /// Moves the staged output to its final name. A file or link there is replaced
    /// atomically; a folder only when ``OutputTarget`` allows it. On failure, or when an
    /// interrupt has arrived, the staged output is deleted and nothing at the final name is
    /// touched.
    public func commit() throws(StudioError) {
        do {
            try cleanup.commit(staging: token) { () throws(StudioError) in
                try OutputTarget.replace(final, with: staging, userPath: userPath, kind: kind)
            }
        } catch {
            discard()
            throw error
        }
    }

    /// Deletes whatever was staged; safe to call when nothing was written.
    public func discard() {
        InterruptCleanup.removeStaged(staging.path)
        cleanup.unregister(staging: token)
    }

    /// The error to report for `error`, thrown while writing the staged file: names the
    /// output the user asked for (never the staging name) and the real reason (a full disk
    /// reads "no space left on device writing PATH"). `code` is errno as it was right after
    /// the failure. Call before ``discard()``, while the file still takes its space.
    public func failure(_ error: any Error, errno code: Int32) -> StudioError {
        OutputFailure.studioError(for: error, errno: code, userPath: userPath, staging: staging)
    }

    /// Writes one file at `path` through a staging name: `body` writes the staged path; when
    /// it throws, the partial is deleted and the error names `path` (see ``failure(_:errno:)``);
    /// otherwise the file is committed.
    public static func write(path: String, _ body: (String) throws -> Void) throws(StudioError) {
        let staged = try StagedOutput(path: path)
        do {
            try body(staged.staging.path)
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
        try staged.commit()
    }

    /// Deletes partial outputs of `final` left by processes of this host that are gone.
    /// Partials of other hosts (shards sharing a network folder) and of live processes are
    /// never touched.
    static func removeStale(beside final: URL) {
        let folder = final.deletingLastPathComponent()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let host = StagingName.thisHost
        for entry in entries {
            guard let name = StagingName(parsing: entry, output: final.lastPathComponent),
                name.host == host, name.pid != getpid(), StagingName.processIsGone(name.pid)
            else { continue }
            removeStalePartial(folder.appendingPathComponent(entry).path)
        }
    }

    /// Deletes one stale partial: a file, or a staging frames folder holding only what
    /// cnnviz puts there (anything else in it is left alone, and so is the folder).
    private static func removeStalePartial(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for entry in entries where entry == OutputTarget.marker || OutputTarget.isFrameName(entry) {
            unlink(path + "/" + entry)
        }
        rmdir(path)
    }
}

import Foundation

/// What an output path may be replaced by, and the rule that keeps cnnviz from ever deleting
/// anything it did not make.
///
/// - A missing path, a regular file or a symbolic link (the link itself, never its target) may
///   be replaced by any output.
/// - An existing folder is never replaced or emptied, except an empty folder, or (by a
///   frames-folder output only) a frames folder that cnnviz made: one holding the
///   ``OutputTarget/marker`` file and nothing but numbered `frame-NNNNNN.png` files.
/// - `.`, `..`, `/`, the home folder and the current folder are never replaced.
public enum OutputTarget {
    /// The kind of output about to be written.
    public enum Kind: Sendable, Equatable {
        /// One file (a video, picture or document).
        case file
        /// A folder of numbered PNG frames.
        case framesFolder
    }

    /// The file cnnviz puts into every frames folder it makes, so a later run may replace it.
    public static let marker = ".cnnviz-frames"

    /// Marks a frames folder being written as made by cnnviz.
    static func writeMarker(in folder: URL) throws {
        let text = "Frames written by cnnviz. A later cnnviz run may replace this folder while it holds only frame-NNNNNN.png files.\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent(marker))
    }

    /// What stands at an output path now.
    enum Existing: Equatable {
        case nothing
        case fileOrLink
        case emptyFolder
        case framesFolder(entries: [String])
    }

    /// Checks that `final` (given by the user as `userPath`) may be written as `kind`, and says
    /// what stands there now. Throws a `writeFailed` naming `userPath` otherwise.
    static func check(_ final: URL, userPath: String, kind: Kind) throws(StudioError) -> Existing {
        try refuseSpecialFolders(final, userPath: userPath)
        var info = stat()
        guard lstat(final.path, &info) == 0 else {
            if errno == ENOENT { return .nothing }
            throw .writeFailed(file: userPath, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return .fileOrLink }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: final.path)
        } catch {
            throw .writeFailed(file: userPath, reason: "it is a folder that cannot be read, and is left alone")
        }
        if entries.isEmpty { return .emptyFolder }
        if kind == .framesFolder, isFramesFolder(entries) { return .framesFolder(entries: entries) }
        let what =
            kind == .framesFolder && entries.contains(marker)
            ? "a frames folder holding files cnnviz did not make"
            : entries.contains(marker)
                ? "a frames folder (write frames there with a folder output)" : "an existing folder that is not empty"
        throw .writeFailed(
            file: userPath, reason: "it is \(what); cnnviz never replaces it. Choose another output name or remove it yourself")
    }

    /// True when a folder's entries are exactly what cnnviz puts into a frames folder.
    static func isFramesFolder(_ entries: [String]) -> Bool {
        entries.contains(marker) && entries.allSatisfy { $0 == marker || isFrameName($0) }
    }

    /// `frame-` followed by digits and `.png`.
    static func isFrameName(_ name: String) -> Bool {
        guard name.hasPrefix("frame-"), name.hasSuffix(".png") else { return false }
        let digits = name.dropFirst("frame-".count).dropLast(".png".count)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Refuses `.`, `..`, `/`, the home folder and the current folder, whatever they hold.
    static func refuseSpecialFolders(_ final: URL, userPath: String) throws(StudioError) {
        let trimmed = userPath.hasSuffix("/") && userPath.count > 1 ? String(userPath.dropLast()) : userPath
        let last = (trimmed as NSString).lastPathComponent
        let resolved = final.resolvingSymlinksInPath().standardizedFileURL.path
        let special = [
            "/", FileManager.default.homeDirectoryForCurrentUser.resolvingSymlinksInPath().standardizedFileURL.path,
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().standardizedFileURL.path,
        ]
        if trimmed.isEmpty || last == "." || last == ".." || userPath == "/" || special.contains(resolved) {
            throw .writeFailed(file: userPath, reason: "it names the current, parent, home or root folder, which cnnviz never replaces")
        }
    }

    /// Moves `staging` to `final` once the output is complete, applying the rule again (the
    /// path may have changed while the output was written). Only an empty folder or a marked
    /// frames folder is ever taken away, and only the files cnnviz puts there.
    static func replace(_ final: URL, with staging: URL, userPath: String, kind: Kind) throws(StudioError) {
        let existing = try check(final, userPath: userPath, kind: kind)
        switch existing {
        case .nothing:
            break
        case .fileOrLink:
            // rename(2) replaces a file or link atomically, but not by a folder.
            if kind == .framesFolder, unlink(final.path) != 0 {
                throw .writeFailed(file: userPath, reason: String(cString: strerror(errno)))
            }
        case .emptyFolder:
            // rmdir(2) refuses a folder that is no longer empty, so nothing can be lost here.
            if rmdir(final.path) != 0 {
                throw .writeFailed(file: userPath, reason: "cannot replace the empty folder there: \(String(cString: strerror(errno)))")
            }
        case .framesFolder:
            try retireFramesFolder(final, userPath: userPath)
        }
        if rename(staging.path, final.path) != 0 {
            throw .writeFailed(file: userPath, reason: String(cString: strerror(errno)))
        }
    }

    /// Moves an old frames folder aside, then deletes only its marker and frame files and the
    /// folder itself if that leaves it empty.
    static func retireFramesFolder(_ final: URL, userPath: String) throws(StudioError) {
        let aside = final.deletingLastPathComponent()
            .appendingPathComponent(".\(final.lastPathComponent).replaced-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        if rename(final.path, aside.path) != 0 {
            throw .writeFailed(file: userPath, reason: "cannot move the old frames folder aside: \(String(cString: strerror(errno)))")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: aside.path)) ?? []
        for name in entries where name == marker || isFrameName(name) {
            unlink(aside.appendingPathComponent(name).path)
        }
        rmdir(aside.path)
    }
}

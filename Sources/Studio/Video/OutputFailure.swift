import CairoGraphics
import Foundation

/// Turns a failure while writing an output into a message with the real reason and the path
/// the user gave, once: "no space left on device writing Output/orbit.mp4" rather than
/// "cairo error 11: error while writing to output stream" about a hidden temporary file.
enum OutputFailure {
    /// Cairo's CAIRO_STATUS_WRITE_ERROR: its only word for any failed write or open.
    static let cairoWriteError = 11

    /// The error to report for `error`, thrown while writing `staging` for `userPath`; `code`
    /// is errno right after the failure (0 when unknown).
    static func studioError(for error: any Error, errno code: Int32, userPath: String, staging: URL) -> StudioError {
        let folder = staging.deletingLastPathComponent().path
        switch error {
        case let error as StudioError:
            return error
        case CairoError.writeFailed(_, _), CairoError.status(code: cairoWriteError, message: _):
            return storageError(errno: code, folder: folder, userPath: userPath)
                ?? .writeFailed(file: userPath, reason: "the file could not be written")
        case let CairoError.status(_, message):
            return .writeFailed(file: userPath, reason: message)
        case let error as CocoaError:
            let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap {
                $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil
            }
            if error.code == .fileWriteOutOfSpace { return .storageFailed(file: userPath, reason: "no space left on device") }
            return storageError(errno: underlying ?? code, folder: folder, userPath: userPath)
                ?? .writeFailed(file: userPath, reason: "the file could not be written")
        default:
            let text = "\(error)".replacingOccurrences(of: staging.path, with: userPath)
            return storageError(errno: code, folder: folder, userPath: userPath) ?? .writeFailed(file: userPath, reason: text)
        }
    }

    /// The storage problem behind a failed write, from errno or, when errno was lost, from
    /// the folder having no free space left; nil when neither tells.
    static func storageError(errno code: Int32, folder: String, userPath: String) -> StudioError? {
        if let reason = reason(errno: code) { return .storageFailed(file: userPath, reason: reason) }
        if diskIsFull(folder: folder) { return .storageFailed(file: userPath, reason: reason(errno: ENOSPC) ?? "") }
        return nil
    }

    /// A plain reason for the errno values a write can fail with; nil for the others.
    static func reason(errno code: Int32) -> String? {
        switch code {
        case ENOSPC: "no space left on device"
        case EDQUOT: "disk quota exceeded"
        case EROFS: "read-only file system"
        case EIO: "input/output error (a failing disk or lost network mount?)"
        case EFBIG: "file too large for the file system or the file size limit"
        case EACCES, EPERM: "permission denied"
        case ENOENT: "the folder went away while writing"
        default: nil
        }
    }

    /// True when the file system holding `folder` has no block left for this user.
    static func diskIsFull(folder: String) -> Bool {
        var info = statvfs()
        guard statvfs(folder, &info) == 0, info.f_blocks > 0 else { return false }
        return info.f_bfree == 0 || (info.f_bavail == 0 && geteuid() != 0)
    }

    /// ffmpeg's failure text with the staging name replaced by the user's path; a full disk
    /// reported there becomes the plain storage error.
    static func ffmpegError(status: Int32, message: String, userPath: String, staging: String?) -> StudioError {
        var text = message
        if let staging {
            // "…/.orbit.partial-host-1-2.mp4: No space left on device" → the reason alone.
            text = text.replacingOccurrences(of: staging + ": ", with: "").replacingOccurrences(of: staging, with: userPath)
        }
        let folder = staging.map { ($0 as NSString).deletingLastPathComponent }
        if text.localizedCaseInsensitiveContains("no space left on device")
            || folder.map({ diskIsFull(folder: $0) }) == true
        {
            return .storageFailed(file: userPath, reason: "no space left on device")
        }
        return .ffmpegFailed(output: userPath, status: status, message: text)
    }
}

import Foundation

/// What an output path asks for, chosen by its extension.
public enum VideoFormat: String, Sendable, Equatable, CaseIterable {
    /// H.264 in MP4, yuv420p, `+faststart`.
    case mp4
    /// Animated GIF with a generated palette.
    case gif
    /// VP9 in WebM.
    case webm
    /// A folder of numbered PNG frames (`frame-000000.png`, …).
    case pngFolder

    /// The format for `path`: `.mp4`, `.gif`, `.webm`, or a folder when there is no extension
    /// (or the path ends in `/`). Any other extension is an error.
    public static func forPath(_ path: String) throws(StudioError) -> VideoFormat {
        if path.hasSuffix("/") { return .pngFolder }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "mp4", "m4v": return .mp4
        case "gif": return .gif
        case "webm": return .webm
        case "": return .pngFolder
        default:
            throw .unsupportedOutput(
                file: path, reason: "unknown video extension '.\(ext)'; use .mp4, .gif, .webm, or a folder path for PNG frames")
        }
    }

    /// True when the format is written by ffmpeg.
    public var needsFFmpeg: Bool { self != .pngFolder }

    /// ffmpeg's muxer name.
    var muxer: String {
        switch self {
        case .mp4: "mp4"
        case .gif: "gif"
        case .webm: "webm"
        case .pngFolder: "image2"
        }
    }
}

/// File name of frame `index` inside a PNG-folder output.
public func pngFrameName(_ index: Int) -> String {
    let digits = String(index)
    return "frame-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".png"
}

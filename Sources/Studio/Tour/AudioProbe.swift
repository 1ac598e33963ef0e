import Foundation

/// The length of a voice-over file, read with `ffprobe` (found beside the `ffmpeg` the
/// locator finds, else on PATH), so shots can be timed to it (`at:`, `until: audio-end`).
enum AudioProbe {
    /// The duration in seconds of the first audio stream of `path` (the container's when the
    /// stream has none). Errors name the file.
    static func duration(of path: String, ffmpeg: FFmpegLocator) throws -> Double {
        let probe = try ffprobe(ffmpeg, for: path)
        let process = Process()
        process.executableURL = probe
        process.arguments = [
            "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration:format=duration", "-of",
            "default=noprint_wrappers=1:nokey=1", path,
        ]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw StudioError.badInput(file: path, reason: "cannot run \(probe.path) to read the voice-over's length: \(error)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = problem.split(separator: "\n").last.map(String.init) ?? "ffprobe exited with \(process.terminationStatus)"
            throw StudioError.badInput(file: path, reason: "not a readable audio file (\(reason))")
        }
        // The stream's duration first, the container's after it; either may be N/A.
        let values = text.split(whereSeparator: \.isNewline).compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard let seconds = values.first(where: { $0.isFinite && $0 > 0 }) else {
            throw StudioError.badInput(
                file: path,
                reason: "has no audio of measurable length (ffprobe printed '\(text.trimmingCharacters(in: .whitespacesAndNewlines))')")
        }
        return seconds
    }

    /// `ffprobe` beside the located `ffmpeg`, else on PATH.
    static func ffprobe(_ ffmpeg: FFmpegLocator, for path: String) throws -> URL {
        if let located = try? ffmpeg.locate(for: path) {
            let sibling = located.deletingLastPathComponent().appendingPathComponent(
                located.lastPathComponent.replacingOccurrences(of: "ffmpeg", with: "ffprobe"))
            if sibling != located, FileManager.default.isExecutableFile(atPath: sibling.path) { return sibling }
        }
        return try FFmpegLocator(explicit: "ffprobe").locate(for: path)
    }
}

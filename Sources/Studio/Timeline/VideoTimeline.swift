import Foundation

/// Everything timed about a video besides its frames: captions, chapters and an optional
/// voice-over. Tours and replays build one from their scene; the same value is written as
/// SRT/VTT sidecars, as MP4 chapters, and embedded in each slice rendered with `--frames`, so
/// `cnnviz concat` ends with the same subtitles and chapters as a one-shot render.
public struct VideoTimeline: Sendable, Equatable, Codable {
    /// The whole video's length in seconds (frames ÷ fps), also for a slice.
    public var duration: Double
    /// Captions, in any order; written sorted by start.
    public var cues: [TimedCue]
    /// Chapters; each runs until the next one starts (the last until `duration`).
    public var chapters: [Chapter]
    /// A voice-over (WAV, M4A, MP3…) muxed into the MP4, as an absolute path; nil for silence.
    public var audio: String?
    /// True when the cues are also drawn into the frames (a tour's `captions: both`): the
    /// sidecars then go where no player loads them by itself (see
    /// `TimelineFinisher.sidecarPaths`), so no player shows the captions twice. Nil: false.
    public var captionsBurned: Bool?

    public init(
        duration: Double, cues: [TimedCue] = [], chapters: [Chapter] = [], audio: String? = nil, captionsBurned: Bool? = nil
    ) {
        self.duration = duration
        self.cues = cues
        self.chapters = chapters
        self.audio = audio
        self.captionsBurned = captionsBurned
    }

    /// True when there is nothing to write beside the frames.
    public var isEmpty: Bool { cues.isEmpty && chapters.isEmpty && audio == nil }

    /// The cues sorted by start (then end), with times clamped to the video and empty cues dropped.
    public var sortedCues: [TimedCue] {
        cues.compactMap { cue -> TimedCue? in
            let start = max(0, cue.start), end = min(duration, cue.end)
            let text = SubtitleText.lines(cue.text).joined(separator: "\n")
            guard end > start, !text.isEmpty else { return nil }
            return TimedCue(start: start, end: end, text: text)
        }
        .sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// The chapters sorted by start, each with its end (the next start, or `duration`);
    /// chapters starting at the same time keep the last one given.
    public var chapterSpans: [(start: Double, end: Double, title: String)] {
        var byStart: [Double: String] = [:]
        for chapter in chapters where chapter.start >= 0 && chapter.start < duration { byStart[chapter.start] = chapter.title }
        let starts = byStart.keys.sorted()
        return starts.enumerated().map { index, start in
            (start, index + 1 < starts.count ? starts[index + 1] : duration, byStart[start] ?? "")
        }
    }

    /// Checks every time is finite and inside the video; `source` names the scene or file
    /// for the message.
    public func validate(source: String) throws(StudioError) {
        guard duration.isFinite, duration > 0 else {
            throw .badInput(file: source, reason: "the video's duration must be positive, got \(duration) s")
        }
        for cue in cues {
            guard cue.start.isFinite, cue.end.isFinite, cue.start >= 0, cue.end > cue.start else {
                throw .badInput(
                    file: source,
                    reason: "caption \"\(cue.text)\" has times \(cue.start)–\(cue.end) s; they must be finite, ≥ 0 and increasing")
            }
        }
        for chapter in chapters {
            guard chapter.start.isFinite, chapter.start >= 0, chapter.start < duration else {
                throw .badInput(
                    file: source, reason: "chapter \"\(chapter.title)\" starts at \(chapter.start) s, outside the video (0–\(duration) s)")
            }
        }
    }

    /// The timeline as one line of JSON (stable key order), for embedding in a slice.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads `json()`'s output; nil when `text` is not a timeline.
    public static func parse(json text: String) -> VideoTimeline? {
        try? JSONDecoder().decode(VideoTimeline.self, from: Data(text.utf8))
    }
}

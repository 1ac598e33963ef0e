/// ffmpeg's FFMETADATA text for a timeline: the chapters (millisecond time base) and, as the
/// global `comment`, the timeline itself as JSON so slices carry it to `cnnviz concat`.
public enum ChapterMetadata {
    /// The tag under which a video carries its timeline.
    public static let timelineKey = "comment"
    /// Marks the comment as ours (a user's own comment is never mistaken for a timeline).
    public static let timelinePrefix = "cnnviz-timeline:"

    /// `;FFMETADATA1`, the embedded timeline (all of it), then one `[CHAPTER]` per chapter
    /// span when `chapters` (a slice carries the timeline but shows no chapters of its own).
    public static func text(_ timeline: VideoTimeline, chapters: Bool = true) -> String {
        var lines = [";FFMETADATA1", timelineKey + "=" + escape(timelinePrefix + timeline.json())]
        for span in chapters ? timeline.chapterSpans : [] {
            lines += [
                "[CHAPTER]", "TIMEBASE=1/1000",
                "START=\(Int((span.start * 1000).rounded()))",
                "END=\(Int((span.end * 1000).rounded()))",
                "title=" + escape(span.title),
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Finds an embedded timeline in FFMETADATA text written by ffmpeg (`-f ffmetadata`).
    public static func timeline(in metadata: String) -> VideoTimeline? {
        for line in unescapedLines(metadata) {
            let prefix = timelineKey + "=" + timelinePrefix
            if line.hasPrefix(prefix) { return VideoTimeline.parse(json: String(line.dropFirst(prefix.count))) }
        }
        return nil
    }

    /// Escapes `=`, `;`, `#`, `\` and newlines as FFMETADATA requires.
    public static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "=", ";", "#", "\\": out += "\\" + String(character)
            case "\n": out += "\\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// The metadata's logical lines with escapes removed (a `\` before a newline continues the line).
    static func unescapedLines(_ text: String) -> [String] {
        var lines: [String] = [], current = "", escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\n" {
                lines.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

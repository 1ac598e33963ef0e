/// SRT and WebVTT subtitle files from a timeline's captions.
public enum SubtitleText {
    /// SubRip: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, a blank line after each.
    public static func srt(_ timeline: VideoTimeline) -> String {
        timeline.sortedCues.enumerated().map { index, cue in
            "\(index + 1)\n\(timestamp(cue.start, separator: ",")) --> \(timestamp(cue.end, separator: ","))\n\(cue.text)\n"
        }
        .joined(separator: "\n")
    }

    /// WebVTT: the `WEBVTT` header, then cues timed `HH:MM:SS.mmm --> HH:MM:SS.mmm`, with `&`,
    /// `<` and `>` escaped so captions are never read as markup.
    public static func vtt(_ timeline: VideoTimeline) -> String {
        let cues = timeline.sortedCues.map { cue in
            "\(timestamp(cue.start, separator: ".")) --> \(timestamp(cue.end, separator: "."))\n\(escapeVTT(cue.text))\n"
        }
        return (["WEBVTT\n"] + cues).joined(separator: "\n")
    }

    /// `HH:MM:SS<sep>mmm`, rounded to the millisecond.
    public static func timestamp(_ seconds: Double, separator: String) -> String {
        let total = Int((max(0, seconds) * 1000).rounded())
        let ms = total % 1000, s = total / 1000 % 60, m = total / 60_000 % 60, h = total / 3_600_000
        return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + separator + pad(ms, 3)
    }

    /// A caption's non-blank lines, trimmed (carriage returns and tabs become spaces).
    public static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { line in
                String(line.map { $0 == "\r" || $0 == "\t" ? " " : $0 }).trimmingCharacters(in: .whitespaces)
            }
            .filter { !$0.isEmpty }
    }

    private static func escapeVTT(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

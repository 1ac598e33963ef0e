import CairoGraphics

/// Breaks text into lines no wider than a limit, at spaces and at explicit line breaks (a
/// word wider than the limit gets a line of its own). The one wrapper of the tour captions,
/// the poster texts and the sheet subtitles.
public enum CaptionWrap {
    /// The lines of `text` in `context`'s current font, each at most `width` wide. Every
    /// "\n" starts a new line; empty text gives one empty line.
    public static func lines(_ text: String, width: Double, context: Context) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if line.isEmpty || context.textExtents(candidate).xAdvance <= width {
                    line = candidate
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// ``lines(_:width:context:)`` without its blank lines: what a poster or sheet prints
    /// (empty text gives no line at all).
    public static func printedLines(_ text: String, width: Double, context: Context) -> [String] {
        lines(text, width: width, context: context).filter { !$0.isEmpty }
    }
}

import CairoGraphics
import Renderer
import Testing

/// The one text wrapper shared by tour captions, posters and sheets.
@Suite struct CaptionWrapTests {
    private func context() throws -> Context {
        let c = try Context(try ImageSurface(width: 64, height: 64))
        c.selectFont(Typeface.family, weight: .normal)
        c.setFontSize(14)
        return c
    }

    @Test func everyLineFitsAndNoWordIsLost() throws {
        let c = try context()
        let text = "the first convolution slides eight small kernels over the whole digit and keeps what matches"
        let width = 160.0
        let lines = CaptionWrap.lines(text, width: width, context: c)
        #expect(lines.count > 1)
        for line in lines where line.contains(" ") {
            #expect(c.textExtents(line).xAdvance <= width, "\(line) is wider than \(width)")
        }
        #expect(lines.joined(separator: " ") == text)
        // Greedy: the next line's first word would not have fitted on the line before.
        for (a, b) in zip(lines, lines.dropFirst()) {
            let first = b.split(separator: " ")[0]
            #expect(c.textExtents(a + " " + first).xAdvance > width)
        }
    }

    @Test func aWordWiderThanTheLimitGetsALineOfItsOwn() throws {
        let c = try context()
        let lines = CaptionWrap.lines("a incomprehensibilities b", width: 20, context: c)
        #expect(lines == ["a", "incomprehensibilities", "b"])
    }

    @Test func lineBreaksAndEmptyText() throws {
        let c = try context()
        #expect(CaptionWrap.lines("one\n\ntwo", width: 500, context: c) == ["one", "", "two"])
        #expect(CaptionWrap.lines("", width: 500, context: c) == [""])
        #expect(CaptionWrap.printedLines("one\n\ntwo", width: 500, context: c) == ["one", "two"])
        #expect(CaptionWrap.printedLines("", width: 500, context: c).isEmpty)
        #expect(CaptionWrap.printedLines("   ", width: 500, context: c).isEmpty)
    }
}

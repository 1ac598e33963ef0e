import CairoGraphics
import DigitSamples
import Foundation
import Testing

/// Seeded mutation campaigns against the strokes readers (JSON and SVG): each mutant is
/// read and, when it still reads, drawn with the pen; anything else must be a
/// `StrokesError` naming the file.
@Suite("Robustness: strokes files (JSON and SVG)")
struct StrokesCampaignTests {
    static let json = """
        {
          "format": 1,
          "comment": "a short timed seven",
          "width": 120,
          "height": 100,
          "background": "#ffffff",
          "ink": "#202020",
          "pen": 9,
          "strokes": [
            [[80, 20, 0], [70, 45, 0.2], [55, 85, 0.45]],
            {"pen": 7, "ink": "#000000", "points": [[30, 22, 0.9], [60, 21, 1.1], [81, 20, 1.3]]}
          ]
        }
        """

    static let svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="120" height="100" viewBox="0 0 60 50">
          <!-- strokes from a drawing program -->
          <g transform="translate(2 1) rotate(3 30 25)" stroke="#222" stroke-width="4" fill="none">
            <path d="M15 10 h25 l-8 14 q-3 6 -5 14 c-1 3 -2 5 -2 7 s1 2 1 2 t2 1 a4 4 0 0 1 -3 -3 z"/>
            <polyline points="10,30 20,31 30,30" style="stroke:#000;stroke-width:3"/>
            <line x1="5" y1="5" x2="6" y2="6" transform="scale(1.5) skewX(10)"/>
          </g>
        </svg>
        """

    func campaign(kind: String, file: String, text: String, seed: UInt64) throws -> MutationCampaign.Report {
        let campaign = MutationCampaign(kind: kind, cases: 300, seed: seed)
        let base = Array(text.utf8)
        return try campaign.run(
            fileName: file,
            mutant: { i, m in
                i % 3 == 0 ? m.mutateBytes(base) : m.mutateText(text)
            },
            read: { _, path in
                let drawing = try StrokesFile.read(path: path)
                // Drawn too, unless a mutation made the canvas huge (allowed, but slow here).
                if drawing.width * drawing.height <= 1 << 20 { _ = try StrokePen.render(drawing) }
            }, isTyped: { $0 is StrokesError })
    }

    @Test("mutated strokes JSON: read and drawn, or refused with a StrokesError naming the file")
    func json() throws {
        try campaign(kind: "strokes-json", file: "digit.json", text: Self.json, seed: 0x57_0001).expectClean(minimumRejected: 100)
    }

    @Test("mutated SVG drawings: read and drawn, or refused with a StrokesError naming the file")
    func svg() throws {
        try campaign(kind: "strokes-svg", file: "digit.svg", text: Self.svg, seed: 0x5f_0001).expectClean(minimumRejected: 60)
    }
}

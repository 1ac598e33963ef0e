import CairoGraphics
import DigitSamples
import Foundation
import Testing

/// SVG documents: elements, viewBox, transforms on groups and elements, stroke width and
/// colour, and broken files refused with the file's name.
@Suite("SVG strokes files")
struct SVGStrokesTests {
    func decode(_ text: String, file: String = "d.svg") throws -> Strokes {
        try SVGStrokes.decode(Array(text.utf8), file: file)
    }

    @Test("path, polyline, polygon and line each become strokes; width and colour come from the SVG")
    func elements() throws {
        let s = try decode(
            """
            <?xml version="1.0"?>
            <!-- drawn in a web canvas -->
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
              <path d="M10 10 L20 20" stroke="#ff0000" stroke-width="8"/>
              <polyline points="0,0 10,0 10,10" style="stroke: #00ff00; stroke-width: 4"/>
              <polygon points="0 0 5 0 5 5"/>
              <line x1="1" y1="2" x2="3" y2="4"/>
              <rect x="0" y="0" width="10" height="10"/>
            </svg>
            """)
        #expect(s.width == 200 && s.height == 100)
        #expect(s.background == nil)
        #expect(s.strokes.count == 4)
        #expect(s.ink == RGBA(1, 0, 0))
        #expect(s.pen == 8)
        #expect(s.strokes[1].ink == RGBA(0, 1, 0))
        #expect(s.strokes[1].pen == 4)
        #expect(s.strokes[2].points.count == 4)  // closed polygon
        #expect(s.strokes[2].ink == RGBA(0, 0, 0))
        #expect(s.strokes[2].pen == 1)
        #expect(s.strokes[3].points.map { [$0.x, $0.y] } == [[1, 2], [3, 4]])
        #expect(!s.isTimed)
    }

    @Test("viewBox maps to the canvas, scaled uniformly and centred")
    func viewBox() throws {
        let s = try decode(#"<svg viewBox="0 0 10 10" width="200" height="100"><path d="M0 0 L10 10" stroke-width="1"/></svg>"#)
        // Scale 10, centred horizontally: x offset 50.
        #expect(s.strokes[0].points.map { [$0.x, $0.y] } == [[50, 0], [150, 100]])
        #expect(s.pen == 10)
        let only = try decode(#"<svg viewBox="-5 -5 20 10"><line x1="-5" y1="-5" x2="15" y2="5"/></svg>"#)
        #expect(only.width == 20 && only.height == 10)
        #expect(only.strokes[0].points.map { [$0.x, $0.y] } == [[0, 0], [20, 10]])
    }

    @Test("transforms on groups and elements compose, outer first; stroke width scales with them")
    func transforms() throws {
        let s = try decode(
            """
            <svg width="100" height="100">
              <g transform="translate(10 20)" stroke-width="2">
                <g transform="scale(2)">
                  <line x1="1" y1="1" x2="2" y2="1" transform="rotate(90 1 1)"/>
                </g>
              </g>
              <line x1="0" y1="0" x2="1" y2="0" transform="matrix(1 0 0 1 5 5) skewX(45)"/>
            </svg>
            """)
        let p = s.strokes[0].points
        #expect(abs(p[0].x - 12) < 1e-9 && abs(p[0].y - 22) < 1e-9)
        #expect(abs(p[1].x - 12) < 1e-9 && abs(p[1].y - 24) < 1e-9)
        #expect(abs(s.pen - 4) < 1e-9)
        #expect(s.strokes[1].points.map { [$0.x, $0.y] } == [[5, 5], [6, 5]])
    }

    @Test("defs and display:none are not drawn; units size the canvas")
    func hidden() throws {
        let s = try decode(
            """
            <svg width="1in" height="48pt"><defs><path d="M0 0 L5 5"/></defs>
            <path d="M1 1 L2 2" style="display:none"/><path d="M3 3 L4 4"/></svg>
            """)
        #expect(s.width == 96 && s.height == 64)
        #expect(s.strokes.count == 1)
        #expect(s.strokes[0].points.first?.x == 3)
    }

    @Test(
        "broken SVG files are refused with a message naming the file",
        arguments: [
            ("<svg width='10' height='10'><path d='M0 0 L1 1'></svg>", "does not close"),
            ("<svg width='10' height='10'><path d='M0 0 L1 1'/>", "never closed"),
            ("<html></html>", "not an SVG file"),
            ("<svg><path d='M0 0 L1 1'/></svg>", "needs width and height"),
            ("<svg width='10' height='10'></svg>", "no strokes"),
            ("<svg width='10' height='10'><path d='M0 0 Q'/></svg>", "expected a number"),
            ("<svg width='10' height='10'><path d='M0 0 L1e400 1'/></svg>", "not finite"),
            ("<svg width='10' height='10'><path d='M0 0 L100000 1'/></svg>", "far outside"),
            ("<svg width='99999' height='10'><path d='M0 0 L1 1'/></svg>", "each side must be"),
            ("<svg width='10' height='10'><g transform='spin(3)'><path d='M0 0 L1 1'/></g></svg>", "unknown transform"),
            ("<svg width='10' height='10'><path d='M0 0 L1 1' stroke-width='-2'/></svg>", "negative"),
            ("<svg width='10' height='10'><path d=\"M0 0 L1 1/></svg>", "never closed"),
        ])
    func broken(_ text: String, _ reason: String) throws {
        #expect {
            _ = try decode(text, file: "bad.svg")
        } throws: { error in
            let message = "\(error)"
            return message.contains("bad.svg") && message.contains(reason)
        }
    }

    @Test("deep nesting and millions of points are refused before they cost much")
    func limits() throws {
        let deep = "<svg width='10' height='10'>" + String(repeating: "<g>", count: 100) + String(repeating: "</g>", count: 100) + "</svg>"
        #expect(throws: StrokesError.self) { _ = try decode(deep) }
        let many = "<svg width='10' height='10'><path d='M0 0" + String(repeating: " L1 1", count: 300_000) + "'/></svg>"
        #expect {
            _ = try decode(many, file: "many.svg")
        } throws: { error in
            "\(error)".contains("many.svg") && "\(error)".contains("points")
        }
    }
}

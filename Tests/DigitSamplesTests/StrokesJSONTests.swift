import CairoGraphics
import DigitSamples
import Foundation
import Testing

/// The strokes JSON format: what it accepts, the round trip, and hostile files refused with
/// a message naming the file.
@Suite("Strokes JSON files")
struct StrokesJSONTests {
    func decode(_ text: String, file: String = "s.json") throws -> Strokes {
        try StrokesJSON.decode(Array(text.utf8), file: file)
    }

    static let timed = """
        {"format": 1, "width": 400, "height": 300, "background": "#ffffff", "ink": "#102030", "pen": 20,
         "strokes": [[[10, 20, 0], [30, 40, 0.5]], {"pen": 8, "ink": "#ff0000", "points": [[50, 60, 1.0]]}]}
        """

    @Test("a timed file decodes with its canvas, colours, pen and per-stroke overrides")
    func timedFile() throws {
        let s = try decode(Self.timed)
        #expect(s.width == 400 && s.height == 300)
        #expect(s.background == RGBA(1, 1, 1))
        #expect(s.ink == RGBA(hex: "#102030"))
        #expect(s.pen == 20)
        #expect(s.isTimed)
        #expect(s.strokes.count == 2)
        #expect(s.strokes[0].points == [StrokeSample(10, 20, t: 0), StrokeSample(30, 40, t: 0.5)])
        #expect(s.strokes[1].pen == 8)
        #expect(s.strokes[1].ink == RGBA(1, 0, 0))
    }

    @Test("an untimed file with defaults and a transparent canvas")
    func untimedFile() throws {
        let s = try decode(#"{"format":1,"width":10,"height":10,"pen":2,"strokes":[[[1,1],[2,2]]],"background":"transparent"}"#)
        #expect(!s.isTimed)
        #expect(s.background == nil)
        #expect(s.ink == RGBA(0, 0, 0))
    }

    @Test("encode then decode gives the same drawing, and the same bytes twice")
    func roundTrip() throws {
        let s = try decode(Self.timed)
        let text = StrokesJSON.encode(s, comment: "test \"quoted\"")
        #expect(try decode(text) == s)
        #expect(StrokesJSON.encode(s, comment: "test \"quoted\"") == text)
    }

    @Test(
        "hostile and broken files are refused naming the file and the problem",
        arguments: [
            ("", "ends early"),
            ("[1, 2]", "one JSON object"),
            (#"{"format": 2, "width": 10, "height": 10, "pen": 1, "strokes": []}"#, "format"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1}"#, "strokes: missing"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [], "colour": 1}"#, "unknown key"),
            (#"{"format": 1, "width": 0, "height": 10, "pen": 1, "strokes": []}"#, "width"),
            (#"{"format": 1, "width": 100000, "height": 10, "pen": 1, "strokes": []}"#, "width"),
            (#"{"format": 1, "width": 8192, "height": 8192, "pen": 1, "strokes": [[[1, 1]]]}"#, "above the limit"),
            (#"{"format": 1, "width": 10.5, "height": 10, "pen": 1, "strokes": []}"#, "whole number"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 0, "strokes": []}"#, "pen"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "ink": "red", "strokes": []}"#, "#rrggbb"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[[NaN, 1]]]}"#, "NaN"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[[1e999, 1]]]}"#, "too large"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[[1e9, 1]]]}"#, "far outside"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[[1, 1, 0], [2, 2]]]}"#, "mixed timing"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[[1, 1]], [[2, 2, 1]]]}"#, "mixed timing"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[[1, 1, 2], [2, 2, 1]]]}"#, "never decrease"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[[1, 1, -1]]]}"#, "outside 0"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[]]}"#, "at least one point"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[[1]]]}"#, "[x, y]"),
            (#"{"format": 1, "width": 10, "height": 10, "pen": 1, "strokes": [[["1", 2]]]}"#, "numbers"),
            (#"{"format": 1, "format": 1}"#, "twice"),
            (#"{"format": 1, "width": 10,"#, "ends"),
        ])
    func hostile(_ text: String, _ reason: String) throws {
        #expect {
            _ = try decode(text, file: "bad.json")
        } throws: { error in
            let message = "\(error)"
            return error is StrokesError && message.contains("bad.json") && message.contains(reason)
        }
    }

    @Test("millions of points are refused before parsing, deep nesting without exhausting the stack")
    func sizeLimits() throws {
        let points = String(repeating: "[1,1],", count: 1_000_000)
        let many = #"{"format":1,"width":10,"height":10,"pen":1,"strokes":[["# + points + "[1,1]]]}"
        #expect {
            _ = try decode(many, file: "many.json")
        } throws: { error in
            "\(error)".contains("many.json") && "\(error)".contains("points")
        }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: StrokesError.self) { _ = try decode(deep) }
        let nested = #"{"format":1,"a":"# + String(repeating: "{\"a\":", count: 60) + "1" + String(repeating: "}", count: 61)
        #expect {
            _ = try decode(nested, file: "nested.json")
        } throws: { error in
            "\(error)".contains("nested.json") && "\(error)".contains("nested more than")
        }
    }

    @Test("a missing file and a folder are refused naming them")
    func unreadable() throws {
        #expect {
            _ = try StrokesFile.read(path: "/nonexistent/strokes.json")
        } throws: { error in
            "\(error)".contains("/nonexistent/strokes.json")
        }
        #expect {
            _ = try StrokesFile.read(path: NSTemporaryDirectory())
        } throws: { error in
            "\(error)".contains("folder")
        }
    }
}

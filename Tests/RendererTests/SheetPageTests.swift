import CairoGraphics
import DigitNet
import Foundation
import Preprocessing
import Renderer
import Testing

/// The preprocessing sheet's page layout (`--page a4|letter`): text that prints at 6 pt or
/// more on a page printed 150 mm wide, equal margins, a magnified inset only for tiny ink.
@Suite("preprocessing sheet on a page")
struct SheetPageTests {
    /// A white canvas with a dark 7 drawn `size` pixels tall at (x, y).
    static func drawnSeven(width: Int, height: Int, x: Double, y: Double, size: Double) throws -> Canvas {
        let surface = try ImageSurface(width: width, height: height)
        let cr = try Context(surface)
        cr.setColor(RGBA(1, 1, 1))
        cr.paint()
        cr.setColor(RGBA(0.1, 0.1, 0.12))
        cr.setLineWidth(size * 0.09)
        cr.setLineCap(.round)
        cr.setLineJoin(.round)
        cr.moveTo(x + 0.12 * size, y + 0.08 * size)
        cr.lineTo(x + 0.62 * size, y + 0.08 * size)
        cr.lineTo(x + 0.25 * size, y + 0.92 * size)
        cr.stroke()
        return Canvas(width: width, height: height, bgra: surface.bgraBytes())
    }

    /// Sheet content for `canvas` with a fixed, confident answer (the layout does not depend
    /// on the network).
    static func content(_ canvas: Canvas, source: String) throws -> SheetContent {
        let stages = try Preprocessor.run(canvas: canvas, source: source)
        var probabilities = [Float](repeating: 0.001, count: 10)
        probabilities[7] = 0.991
        return SheetContent(
            source: source, trueDigit: nil, stages: stages, networkInput: stages.values, digit: 7,
            probabilities: probabilities, runnerUp: 1, normalization: InputNormalization(mean: 0.1307, std: 0.3081))
    }

    static func normalSeven() throws -> SheetContent {
        try content(try drawnSeven(width: 400, height: 400, x: 100, y: 80, size: 240), source: "seven.png")
    }

    /// A 60-pixel 7 in a 1600×1200 canvas: 4 % of the canvas's side.
    static func tinySeven() throws -> SheetContent {
        try content(try drawnSeven(width: 1600, height: 1200, x: 1180, y: 820, size: 60), source: "tiny.png")
    }

    @Test("every text prints at 6 pt or more on a page printed 150 mm wide", arguments: PaperSize.allCases)
    func smallestTextPrintsAtSixPoints(paper: PaperSize) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, content) in [
            ("normal", try Self.normalSeven()), ("tiny", try Self.tinySeven()), ("photo", try PhotoSheetTests.photo()),
        ] {
            let page = SheetPage(paper: paper, content: content)
            let file = folder.appendingPathComponent("\(name).pdf").path
            let surface = try PDFSurface(path: file, width: page.size.width, height: page.size.height)
            do { try page.draw(try Context(surface)) }
            try surface.finish()
            let sizes = try PDFTextSizes.read(file: file)
            // Every cell of the value grid is a text: the reader must have seen them all.
            #expect(sizes.count > 500, "\(paper) \(name): only \(sizes.count) texts read from the PDF")
            let smallest = try #require(sizes.min())
            let printed = smallest * paper.printScale(printedWidth: 150)
            #expect(printed >= 6, "\(paper) \(name): smallest text \(smallest) pt prints at \(printed) pt")
            // The largest is the title (or the answer), not a runaway transformation.
            #expect((sizes.max() ?? 0) < 40)
        }
    }

    @Test("the smallest font size rule: 6 pt printed 150 mm wide")
    func smallestFontSize() {
        // A4 is 210 mm wide: 6 / (150 / 210) = 8.4 pt (+0.01 → 8.45); letter 215.9 mm: 8.636 → 8.65 pt.
        #expect(PaperSize.a4.smallestFontSize() == 8.45)
        #expect(PaperSize.letter.smallestFontSize() == 8.65)
        #expect(abs(PaperSize.a4.points.width - 595.28) < 0.01 && abs(PaperSize.letter.points.height - 792) < 0.01)
    }

    /// The bounding box (in pixels) of everything drawn over the background.
    static func inkBounds(_ page: SheetPage, scale: Double) throws -> (left: Int, top: Int, right: Int, bottom: Int) {
        let (w, h) = (Int((page.size.width * scale).rounded()), Int((page.size.height * scale).rounded()))
        let drawn = try ImageSurface(width: w, height: h), empty = try ImageSurface(width: w, height: h)
        let a = try Context(drawn), b = try Context(empty)
        a.scale(scale, scale); b.scale(scale, scale)
        try page.draw(a)
        page.drawBackground(b)
        let p = drawn.bgraBytes(), q = empty.bgraBytes()
        var (left, top, right, bottom) = (w, h, -1, -1)
        for y in 0..<h {
            for x in 0..<w {
                let i = 4 * (y * w + x)
                guard (0..<3).contains(where: { abs(Int(p[i + $0]) - Int(q[i + $0])) > 24 }) else { continue }
                left = min(left, x); right = max(right, x); top = min(top, y); bottom = max(bottom, y)
            }
        }
        return (left, top, w - 1 - right, h - 1 - bottom)
    }

    @Test("the four margins are equal (10 mm)", arguments: PaperSize.allCases)
    func equalMargins(paper: PaperSize) throws {
        let scale = 2.0
        let page = SheetPage(paper: paper, content: try Self.normalSeven())
        let m = try Self.inkBounds(page, scale: scale)
        let want = 10 * PaperSize.pointsPerMillimetre * scale
        // within 2 px at 144 dpi (0.35 mm): antialiasing and glyph side bearings
        for (side, px) in [("left", m.left), ("top", m.top), ("right", m.right), ("bottom", m.bottom)] {
            #expect(abs(Double(px) - want) <= 2, "\(paper): \(side) margin \(px) px, want \(want)")
        }
    }

    @Test("a magnified inset for tiny ink, none for normal ink")
    func insetOnlyForTinyInk() throws {
        for paper in PaperSize.allCases {
            let tiny = SheetPage(paper: paper, content: try Self.tinySeven())
            let normal = SheetPage(paper: paper, content: try Self.normalSeven())
            #expect(try tiny.insetPanels() == [.canvas, .inkMask, .outline, .boundingBox], "\(paper)")
            #expect(try normal.insetPanels().isEmpty, "\(paper)")
        }
        // The wide sheet shows one too: the canvas panel's top-left quarter (away from the ink
        // at the bottom right) holds the inset's accent frame.
        #expect(SheetPainter(content: try Self.tinySeven()).insetPanels.count == 4)
        #expect(SheetPainter(content: try Self.normalSeven()).insetPanels.isEmpty)
    }

    @Test("the inset is drawn: its accent frame is on the page where the layout puts it")
    func insetIsDrawn() throws {
        let scale = 2.0
        for (content, expected) in [(try Self.tinySeven(), true), (try Self.normalSeven(), false)] {
            let page = SheetPage(paper: .a4, content: content)
            guard expected else {
                #expect(try page.insetFrame(of: .inkMask) == nil)
                continue
            }
            let surface = try ImageSurface(width: Int(page.size.width * scale), height: Int(page.size.height * scale))
            let cr = try Context(surface)
            cr.scale(scale, scale)
            try page.draw(cr)
            // The ink mask's inset (on the dark panel): its left edge is accent (#58d5ff, blue
            // well above red) all along.
            let frame = try #require(try page.insetFrame(of: .inkMask))
            let bytes = surface.bgraBytes()
            var hits = 0
            let x = Int((frame.x * scale).rounded())
            for k in 2..<18 {
                let y = Int(((frame.y + frame.side * Double(k) / 20) * scale).rounded())
                let accent = (x - 2...x + 2).contains { px in
                    let i = 4 * (y * surface.width + px)
                    return Int(bytes[i]) > 120 && Int(bytes[i]) - Int(bytes[i + 2]) > 50
                }
                if accent { hits += 1 }
            }
            #expect(hits >= 14, "inset frame at \(frame) shows \(hits)/16 accent samples")
        }
    }
}

extension SheetPageTests {
    @Test("no header, caption or answer of the first row is wider than its column", arguments: PaperSize.allCases)
    func textsFitTheirColumns(paper: PaperSize) throws {
        for content in [try Self.normalSeven(), try Self.tinySeven(), try PhotoSheetTests.photo(desk: true)] {
            for (kind, probabilities) in [
                ("confident", [Float](repeating: 0.001, count: 10).enumerated().map { $0.offset == 7 ? 0.991 : $0.element }),
                ("unsure", [0, 0, 0, 0, 0.17, 0, 0, 0, 0, 0.83]),
            ] {
                var c = content
                c.probabilities = probabilities
                c.trueDigit = kind == "unsure" ? 4 : nil
                let wide = try SheetPage(paper: paper, content: c).textsWiderThanTheirColumns()
                #expect(wide.isEmpty, "\(paper) \(c.source) \(kind): \(wide)")
            }
        }
    }
}

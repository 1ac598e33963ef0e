import CairoGraphics
import DigitSamples
import Foundation
import Preprocessing
import Renderer
import Testing

/// A photo's preprocessing sheet and page show its steps 2a–2c (the light estimate, the page
/// with the light divided out, what was dropped as lines, noise or desk) between the canvas and
/// the ink mask, with nothing overlapping or off the paper; drawn canvases are laid out as before.
@Suite("preprocessing sheet of a photo")
struct PhotoSheetTests {
    /// Sheet content for a simulated phone photo of a drawn 7 (`PhotoSimulator`, seed 3: graph
    /// paper, a shadow), or of a 4 with a shadow, ruled lines and the desk in frame.
    static func photo(desk: Bool = false) throws -> SheetContent {
        let digit = desk ? 4 : 7
        let seed: UInt64 = desk ? 11 : 3
        var style = PhotoSimulator.randomStyle(seed: seed)
        if desk {
            style.shadow = PhotoShadow(angle: 0.6, offset: 0.05 * Double(min(style.width, style.height)), depth: 0.5, softness: 40)
            style.desk = PhotoDesk(left: 0, top: 90, right: 110, bottom: 0, colour: RGBA(0.35, 0.25, 0.18))
            style.ruling = .ruled
        }
        let canvas = PhotoSimulator.render(coverage: try PhotoSimulator.drawnCoverage(digit: digit, seed: seed), style: style)
        let content = try SheetPageTests.content(canvas, source: desk ? "desk-4.png" : "photo-7.png")
        #expect(content.stages.photo != nil, "the simulated photo did not take the photo path")
        return content
    }

    /// Every pair of frames that share area, arrows among themselves aside (one arrow's
    /// segments meet at its bends).
    static func overlaps(_ frames: [SheetFrame]) -> [String] {
        var found: [String] = []
        for (i, a) in frames.enumerated() {
            for b in frames[(i + 1)...] where a.overlaps(b) {
                if a.name.hasPrefix("arrow") && b.name.hasPrefix("arrow") { continue }
                found.append("\(a) × \(b)")
            }
        }
        return found
    }

    static let photoSteps = ["2a light estimate", "2b light divided out", "2c lines and noise dropped"]

    @Test("the wide sheet: 2a–2c on the canvas's row, the ink mask below them, nothing overlapping or off the sheet")
    func wideSheetLayout() throws {
        for content in [try Self.photo(), try Self.photo(desk: true)] {
            let painter = SheetPainter(content: content)
            let size = SheetPainter.size(content)
            #expect(size.width == SheetPainter.width && size.height > SheetPainter.height)
            let frames = try painter.photoFrames()
            func picture(_ name: String) throws -> SheetFrame {
                try #require(frames.first { $0.name == "\(name) picture" }, "no \(name) picture")
            }
            // In the order the steps happen: 1, 2a, 2b, 2c left to right on one row, then 2 on
            // the next row, then 3–6 left to right on that row.
            let first = try (["1 canvas"] + Self.photoSteps).map(picture)
            for (a, b) in zip(first.dropLast(), first.dropFirst()) {
                #expect(a.y == b.y && a.maxX < b.x, "\(a) then \(b)")
            }
            let second = try ["2 ink mask", "3 outline", "4 bounding box", "5 scale to 20×20", "6 centre in 28×28"].map(picture)
            #expect(second[0].y > first[0].maxY)
            for (a, b) in zip(second.dropLast(), second.dropFirst()) {
                #expect(a.y == b.y && a.maxX < b.x, "\(a) then \(b)")
            }
            // An arrow leads from 2c's picture to the ink mask's, ending at its left side.
            let bent = frames.filter { $0.name == "arrow 2c → 2" }
            let start = try #require(bent.first), end = try #require(bent.last)
            #expect(abs(start.x + 5 - (first[3].maxX + 12)) < 1e-9)
            #expect(end.y + 5 > second[0].y && end.y + 5 < second[0].maxY && end.maxX - 5 == second[0].x - 12)
            // (captions are framed as wrapped, every line: one too many would reach the arrow
            // or the next row)
            for frame in frames {
                #expect(frame.isInside(width: size.width, height: size.height, inset: 24), "\(frame) leaves the sheet")
            }
            let overlapping = Self.overlaps(frames)
            #expect(overlapping.isEmpty, "\(content.source): \(overlapping)")
        }
    }

    @Test("a drawn canvas's sheet keeps its size and has no photo steps")
    func drawnSheetUnchanged() throws {
        let content = try SheetPageTests.normalSeven()
        #expect(SheetPainter.size(content) == (SheetPainter.width, SheetPainter.height))
        #expect(try SheetPainter(content: content).photoFrames().isEmpty)
        for paper in PaperSize.allCases {
            let names = try SheetPage(paper: paper, content: content).frames().map(\.name)
            #expect(!names.contains { $0.hasPrefix("2a") || $0.hasPrefix("2b") || $0.hasPrefix("2c") })
        }
    }

    /// Pixels of `image` (drawn at `scale` units a pixel) inside `frame` that are close to `colour`.
    static func count(_ colour: RGBA, in frame: SheetFrame, of image: ImageSurface, scale: Double) -> Int {
        let bytes = image.bgraBytes()
        var n = 0
        for y in Int((frame.y * scale).rounded(.up))..<Int((frame.maxY * scale).rounded(.down)) {
            for x in Int((frame.x * scale).rounded(.up))..<Int((frame.maxX * scale).rounded(.down)) {
                let i = 4 * (y * image.width + x)
                let (b, g, r) = (Double(bytes[i]) / 255, Double(bytes[i + 1]) / 255, Double(bytes[i + 2]) / 255)
                if abs(r - colour.r) < 0.08 && abs(g - colour.g) < 0.08 && abs(b - colour.b) < 0.08 { n += 1 }
            }
        }
        return n
    }

    @Test("the steps are drawn where laid out: 2c shows printed lines in amber and kept ink in the accent colour")
    func photoStepsAreDrawn() throws {
        let content = try Self.photo()
        let painter = SheetPainter(content: content)
        let size = SheetPainter.size(content)
        let surface = try ImageSurface(width: Int(size.width), height: Int(size.height))
        try painter.draw(try Context(surface))
        let frames = try painter.photoFrames()
        let dropped = try #require(frames.first { $0.name == "2c lines and noise dropped picture" })
        let background = try #require(frames.first { $0.name == "2a light estimate picture" })
        let palette = Palette.sheet
        // graph paper: its lines dropped (amber), the 7 kept (accent)
        #expect(Self.count(palette.amber, in: dropped, of: surface, scale: 1) > 500)
        #expect(Self.count(palette.accent, in: dropped, of: surface, scale: 1) > 200)
        // the light estimate is grey, without the sheet's colours
        #expect(Self.count(palette.amber, in: background, of: surface, scale: 1) == 0)
        #expect(Self.count(palette.accent, in: background, of: surface, scale: 1) == 0)
    }

    @Test("the page: 2a–2c after the canvas in the first row, nothing overlapping or past the margins", arguments: PaperSize.allCases)
    func pageLayout(paper: PaperSize) throws {
        for content in [try Self.photo(), try Self.photo(desk: true), try SheetPageTests.normalSeven(), try SheetPageTests.tinySeven()] {
            let page = SheetPage(paper: paper, content: content)
            let frames = try page.frames()
            let pictures = frames.filter { $0.name.hasSuffix(" picture") && $0.y < frames.last!.y }.map(\.name)
            let photo = content.stages.photo != nil
            let expected =
                ["1 canvas"] + (photo ? ["2a light", "2b divided", "2c dropped"] : [])
                + ["2 ink mask", "3 outline", "4 crop box", "5 to 20×20", "6 to 28×28"]
            #expect(pictures.prefix(expected.count) == expected.map { "\($0) picture" }[...], "\(paper) \(content.source)")
            let margin = 10 * PaperSize.pointsPerMillimetre
            for frame in frames {
                #expect(
                    frame.isInside(width: page.size.width, height: page.size.height, inset: margin - 0.5),
                    "\(paper) \(content.source): \(frame) crosses the margin")
            }
            let overlapping = Self.overlaps(frames)
            #expect(overlapping.isEmpty, "\(paper) \(content.source): \(overlapping)")
            #expect(try page.textsWiderThanTheirColumns().isEmpty, "\(paper) \(content.source)")
            // the value grid keeps cells its three-digit numbers fit in
            let (label, cell) = try page.valueLabelAndCell()
            #expect(label <= cell - 0.5, "\(paper) \(content.source): 255 is \(label) pt wide in a \(cell) pt cell")
        }
    }
}

import Foundation
import Studio
import TestSupport
import Testing

/// A golden of the preprocessing sheet on an A4 page (`--page a4`) at 72 dpi (595×842), driven
/// through the job like `JobGoldenTests`: the fixed network and the fixed digit (`sample:7`).
@Suite("Sheet page golden")
struct SheetPageGoldenTests {
    @Test("the preprocessing sheet on an A4 page at scale 1 (595×842)")
    func a4Page() throws {
        let scratch = try ScratchFolder("golden-sheet-page")
        defer { scratch.remove() }
        let output = scratch.file("page.png").path
        let written = try PreprocessJob.run(.init(image: Fixtures.digitSpec, output: output, scale: 1, page: .a4))
        #expect(written == [output])
        // Mostly small text: glyph edges may move by a pixel with the font state (see
        // `GoldenImage`), so pixels are matched within 1 px, as for the wide sheet.
        try GoldenImage.checkFile(output, named: "preprocess-page-a4-595x842", shift: 1)
    }
}

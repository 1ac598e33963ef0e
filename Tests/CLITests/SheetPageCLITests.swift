import Foundation
import TestSupport
import Testing

/// `cnnviz preprocess --page`: a page-sized PDF, and a clear error for a paper it does not know.
@Suite("cnnviz preprocess --page", .requiresCNNVizBinary)
struct SheetPageCLITests {
    @Test("--page letter writes one PDF page of letter size")
    func letterPDF() throws {
        let scratch = try ScratchFolder("cli-page")
        defer { scratch.remove() }
        let output = scratch.file("sheet.pdf").path
        let run = try CNNVizBinary.run(["preprocess", Fixtures.digitSpec, "--page", "letter", "-o", output])
        #expect(run.status == 0, "\(run)")
        #expect(try scratch.contents() == ["sheet.pdf"])
        let text = String(String.UnicodeScalarView(try Data(contentsOf: URL(fileURLWithPath: output)).map { Unicode.Scalar($0) }))
        #expect(text.contains("/MediaBox [ 0 0 612 792 ]"), "no letter-sized MediaBox")
    }

    @Test("--page a5 is refused, naming the value and the choices, and writes nothing")
    func unknownPaper() throws {
        let scratch = try ScratchFolder("cli-page-bad")
        defer { scratch.remove() }
        let run = try CNNVizBinary.run(["preprocess", Fixtures.digitSpec, "--page", "a5", "-o", scratch.file("s.pdf").path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("a5") && run.stderr.contains("a4") && run.stderr.contains("letter"), "\(run)")
        #expect(try scratch.contents().isEmpty)
    }
}

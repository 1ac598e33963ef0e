import Foundation
import Studio
import TestSupport
import Testing

/// A golden of a photo's preprocessing sheet, driven through the job like `JobGoldenTests`: the
/// fixed network and a simulated phone photo (`SheetPageJobTests.photo(in:)`, PhotoSimulator
/// seed 3, deterministic), whose sheet shows steps 2a–2c on a second row.
@Suite("Photo sheet golden")
struct PhotoSheetGoldenTests {
    @Test("a photo's preprocessing sheet at scale 0.5")
    func photoSheet() throws {
        let scratch = try ScratchFolder("golden-photo-sheet")
        defer { scratch.remove() }
        let photo = try SheetPageJobTests.photo(in: scratch)
        let output = scratch.file("sheet.png").path
        let written = try PreprocessJob.run(.init(image: photo, output: output, scale: 0.5))
        #expect(written == [output])
        // Mostly small text, as on the drawn sheet: pixels are matched within 1 px. The photo's
        // own pictures follow the photo path (Sources/Preprocessing): when it changes on
        // purpose, re-record after looking at the .actual.png.
        try GoldenImage.checkFile(output, named: "preprocess-photo-sheet-1200x452", shift: 1)
    }
}

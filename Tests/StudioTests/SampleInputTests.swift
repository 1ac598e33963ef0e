import Foundation
import Studio
import TestSupport
import Testing

/// `sample:N` resolves from any folder: from the repository it reads `Scenes/digits/N.png`;
/// elsewhere it draws the same digit in memory with the generator that wrote those files.
@Suite("sample:N inputs")
struct SampleInputTests {
    /// A folder with no `Scenes/digits` at or above it.
    static let elsewhere = FileManager.default.temporaryDirectory.path

    @Test("outside the repository every sample is drawn in memory and reads as the file does", arguments: 0...9)
    func generatedMatchesFile(_ digit: Int) throws {
        let fromFile = try resolveInput("sample:\(digit)", currentDirectory: Fixtures.repositoryRoot.path)
        let generated = try resolveInput("sample:\(digit)", currentDirectory: Self.elsewhere)
        #expect(generated.spec == "sample:\(digit)")
        #expect(generated.trueDigit == digit)
        #expect(generated.image.shape == [1, 28, 28])
        // The PNG stores the drawing in 8 bits; the in-memory canvas is the same Cairo
        // drawing, so the 28×28 inputs agree to within a grey level.
        let worst = zip(generated.image.data, fromFile.image.data).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1.0 / 255, "sample:\(digit): largest difference \(worst)")
    }

    @Test("a bad sample number is still refused by name")
    func refused() {
        #expect(throws: InputError.self) { try resolveInput("sample:12", currentDirectory: Self.elsewhere) }
        #expect(throws: InputError.self) { try resolveInput("sample:x", currentDirectory: Self.elsewhere) }
    }
}

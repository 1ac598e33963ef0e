import CairoGraphics
import Foundation
import Testing

/// Compares rendered frames with PNG goldens in `Goldens/` beside this file, pixel by pixel.
///
/// Tolerance: a pixel matches when each of its four premultiplied BGRA channels is within
/// `channelTolerance` (default 24) of the golden's; the image matches when at most
/// `mismatchFraction` (default 0.5 %) of its pixels do not. That absorbs antialiasing and
/// glyph-hinting differences between Cairo/FreeType builds while catching any real change
/// in layout, colour or geometry. On failure `NAME.actual.png` and `NAME.diff.png` (red where
/// pixels differ) are written beside the golden. `RECORD_GOLDENS=1` re-records.
enum GoldenImage {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static func check(_ image: ImageSurface, named name: String, channelTolerance: Int = 24,
                      mismatchFraction: Double = 0.005, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let golden = folder.appendingPathComponent("\(name).png")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try image.writePNG(to: golden.path)
            return
        }
        guard FileManager.default.fileExists(atPath: golden.path) else {
            Issue.record("missing golden \(golden.path); run with RECORD_GOLDENS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = try ImageSurface.readPNG(at: golden.path)
        guard expected.width == image.width, expected.height == image.height else {
            try image.writePNG(to: folder.appendingPathComponent("\(name).actual.png").path)
            Issue.record("\(name): size \(image.width)×\(image.height), golden \(expected.width)×\(expected.height)",
                         sourceLocation: sourceLocation)
            return
        }
        let a = image.bgraBytes(), b = expected.bgraBytes()
        var diff = [UInt8](repeating: 0, count: a.count)
        var bad = 0
        var worst = 0
        for p in 0..<(a.count / 4) {
            var d = 0
            for ch in 0..<4 { d = max(d, abs(Int(a[p * 4 + ch]) - Int(b[p * 4 + ch]))) }
            worst = max(worst, d)
            if d > channelTolerance {
                bad += 1
                diff[p * 4 + 2] = 255; diff[p * 4 + 3] = 255  // red
            } else {
                let g = UInt8(min(255, Int(b[p * 4 + 1]) / 4))
                diff[p * 4] = g; diff[p * 4 + 1] = g; diff[p * 4 + 2] = g; diff[p * 4 + 3] = 255
            }
        }
        let fraction = Double(bad) / Double(a.count / 4)
        if fraction > mismatchFraction {
            try image.writePNG(to: folder.appendingPathComponent("\(name).actual.png").path)
            try ImageSurface(width: image.width, height: image.height, bgra: diff)
                .writePNG(to: folder.appendingPathComponent("\(name).diff.png").path)
            Issue.record("""
                \(name): \(bad) pixels (\(String(format: "%.2f", fraction * 100)) %) differ by more than \
                \(channelTolerance) (worst \(worst)); see \(name).actual.png and \(name).diff.png in \(folder.path)
                """, sourceLocation: sourceLocation)
        }
    }
}

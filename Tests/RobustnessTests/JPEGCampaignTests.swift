import Foundation
import Preprocessing
import Testing

/// The seeded mutation campaign for JPEG input: whole-file byte mutations, mutations inside
/// one marker segment (often the frame header or a Huffman table), truncations, and EXIF
/// segments with mutated contents, each through the full preprocessing path.
@Suite("Robustness: seeded mutation campaign against the JPEG reader")
struct JPEGCampaignTests {
    /// The committed sideways JPEG of a 7 (made by us from Scenes/digits/7.png), with an
    /// APP1 EXIF segment saying orientation 6 spliced in after the start-of-image marker.
    static func base() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PreprocessingTests/JPEGFixtures/seven-turned-left.jpg")
        let jpeg = [UInt8](try Data(contentsOf: url))
        let tiff: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        return Array(jpeg[0..<2]) + [0xFF, 0xE1, 0, UInt8(payload.count + 2)] + payload + Array(jpeg[2...])
    }

    /// Marker segments before the scan data: offset of each segment's FF and its length.
    static func segments(_ bytes: [UInt8]) -> [(offset: Int, length: Int)] {
        var out: [(Int, Int)] = []
        var at = 2
        while at + 4 <= bytes.count, bytes[at] == 0xFF {
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard length >= 2, at + 2 + length <= bytes.count else { break }
            out.append((at, length))
            if bytes[at + 1] == 0xDA { break }
            at += 2 + length
        }
        return out
    }

    @Test("mutated JPEGs: decoded or refused with a PreprocessingError naming the file, nothing written")
    func jpeg() throws {
        let base = try Self.base()
        let segments = Self.segments(base)
        try #require(segments.count >= 4)
        let campaign = MutationCampaign(kind: "jpeg", cases: 400, seed: 0x1e_0001)
        let report = try campaign.run(
            fileName: "photo.jpg",
            mutant: { i, m in
                switch i % 4 {
                case 0: return m.mutateBytes(base)
                case 1:
                    let segment = segments[m.rng.int(segments.count)]
                    return m.mutateBytes(base, region: (segment.offset + 2)..<(segment.offset + 2 + segment.length))
                case 2:
                    // The EXIF segment (the first one), lengths kept.
                    let exif = segments[0]
                    return m.mutateBytes(base, region: (exif.offset + 4)..<(exif.offset + 2 + exif.length))
                default: return Array(base.prefix(m.rng.int(base.count)))
                }
            },
            read: { _, path in
                _ = try Preprocessor.run(file: path)
            }, isTyped: { $0 is PreprocessingError })
        report.expectClean(minimumRejected: 120)
    }
}

import Foundation
import Support

/// The facts in a PNG's IHDR chunk, read from the file's first bytes without decoding it.
public struct PNGHeader: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var bitDepth: Int
    /// 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
    public var colorType: Int

    /// The eight bytes every PNG starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// Signature (8) + IHDR length and type (8) + IHDR data (13) + CRC (4).
    public static let minimumLength = 33

    /// Parses the signature and IHDR chunk from the start of a PNG file.
    public static func parse(_ bytes: [UInt8], file: String) throws(PreprocessingError) -> PNGHeader {
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { throw .notPNG(file: file) }
        guard bytes.count >= minimumLength else { throw .truncatedPNG(file: file) }
        func u32(_ o: Int) -> Int {
            Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
        }
        guard u32(8) == 13, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw .malformedPNG(file: file, reason: "the first chunk is not a 13-byte IHDR")
        }
        let header = PNGHeader(width: u32(16), height: u32(20), bitDepth: Int(bytes[24]), colorType: Int(bytes[25]))
        guard header.width > 0, header.height > 0 else {
            throw .malformedPNG(file: file, reason: "IHDR gives a size of \(header.width)×\(header.height)")
        }
        return header
    }

    /// Reads and parses the header of the PNG at `path`; a missing file or a folder gets a
    /// plain reason ("no such file", "is a folder, not a file").
    public static func read(file path: String) throws(PreprocessingError) -> PNGHeader {
        let bytes: [UInt8]
        do { bytes = try FileBytes.prefix(path, count: minimumLength) } catch {
            throw .unreadableFile(file: path, reason: error.reason)
        }
        return try parse(bytes, file: path)
    }

    /// True when the file's last twelve bytes are an IEND chunk, as a complete PNG's are.
    public static func endsWithIEND(file path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end >= 12 else { return false }
        guard (try? handle.seek(toOffset: end - 12)) != nil,
            let tail = try? handle.read(upToCount: 12), tail.count == 12
        else { return false }
        return Array(tail[tail.startIndex.advanced(by: 4)..<tail.startIndex.advanced(by: 8)]) == Array("IEND".utf8)
    }
}

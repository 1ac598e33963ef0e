/// Writes EXIF orientation tags into files for the tests: a TIFF block with one IFD0 entry,
/// spliced into a JPEG as an APP1 segment right after the start-of-image marker, or into a
/// PNG as an `eXIf` chunk right after IHDR.
enum EXIFSplice {
    /// A TIFF header and IFD0 holding only the orientation tag (0x0112, SHORT, 1 value).
    static func tiff(orientation: Int, littleEndian: Bool) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] {
            let b = [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)]
            return littleEndian ? b : b.reversed()
        }
        func u32(_ v: Int) -> [UInt8] { littleEndian ? u16(v & 0xFFFF) + u16(v >> 16) : u16(v >> 16) + u16(v & 0xFFFF) }
        let order: [UInt8] = littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]
        return order + u16(42) + u32(8) + u16(1) + u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0) + u32(0)
    }

    /// `jpeg` with an APP1 `Exif` segment holding `orientation` after its SOI marker.
    static func tagged(_ jpeg: [UInt8], orientation: Int, littleEndian: Bool) -> [UInt8] {
        let payload = Array("Exif".utf8) + [0, 0] + tiff(orientation: orientation, littleEndian: littleEndian)
        let length = payload.count + 2
        return Array(jpeg[0..<2]) + [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + Array(jpeg[2...])
    }

    /// `png` with an `eXIf` chunk holding `orientation` after its IHDR chunk (CRC computed).
    static func pngTagged(_ png: [UInt8], orientation: Int) -> [UInt8] {
        let data = tiff(orientation: orientation, littleEndian: false)
        let body = Array("eXIf".utf8) + data
        let crc = crc32(body)
        let length = data.count
        let chunk =
            [UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + body
            + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        let afterIHDR = 8 + 25
        return Array(png[0..<afterIHDR]) + chunk + Array(png[afterIHDR...])
    }

    /// The PNG chunk CRC (ISO 3309, reflected 0xEDB88320).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

import CairoGraphics
import DigitNet
import Foundation

/// Valid files for the campaigns to mutate, and the small format helpers they need.
enum Fixtures {
    /// A small drawn digit as PNG bytes (RGBA, written by Cairo).
    static func png() throws -> [UInt8] {
        let surface = try ImageSurface(width: 40, height: 48)
        let cr = try Context(surface)
        cr.setColor(RGBA(1, 1, 1))
        cr.paint()
        cr.setColor(RGBA(0.1, 0.1, 0.1))
        cr.setLineWidth(4)
        cr.moveTo(10, 8)
        cr.lineTo(30, 8)
        cr.lineTo(16, 40)
        cr.stroke()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnviz-fixture-\(getpid()).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try surface.writePNG(to: path)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Chunks of a PNG: offset of each chunk's length field, its type and data length.
    static func pngChunks(_ bytes: [UInt8]) -> [(offset: Int, type: String, length: Int)] {
        var chunks: [(Int, String, Int)] = []
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(bigEndian32(bytes, offset))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { break }
            chunks.append((offset, type, length))
            offset += 12 + length
        }
        return chunks
    }

    /// Recomputes the CRC of every complete chunk, so libpng looks past the checksum into the data.
    static func fixPNGCRCs(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for chunk in pngChunks(out) {
            let crc = crc32(Array(out[(chunk.offset + 4)..<(chunk.offset + 8 + chunk.length)]))
            let at = chunk.offset + 8 + chunk.length
            for k in 0..<4 { out[at + k] = UInt8(truncatingIfNeeded: crc >> UInt32(24 - 8 * k)) }
        }
        return out
    }

    /// LeNet weights with seed-1 initial values, as a cnnviz safetensors file.
    static func safetensors() throws -> [UInt8] {
        (try Network(.lenet, weights: .initial(seed: 1))).safetensorsBytes(extra: ["note": "fixture"])
    }

    /// The header length of a safetensors file.
    static func safetensorsHeaderLength(_ bytes: [UInt8]) -> Int {
        (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
    }

    /// `header` (JSON text) and `data` as a safetensors file.
    static func safetensors(header: [UInt8], data: [UInt8]) -> [UInt8] {
        let n = UInt64(header.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * UInt64($0))) } + header + data
    }

    /// An IDX file: big-endian magic and dimensions, then `data`.
    static func idx(magic: UInt32, dims: [UInt32], data: [UInt8]) -> [UInt8] {
        ([magic] + dims).flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * $0)) } } + data
    }

    /// A small MNIST test split: `n` images (a vertical bar whose position follows the label) and labels.
    static func mnistFiles(images n: Int) -> (images: [UInt8], labels: [UInt8]) {
        var pixels = [UInt8](repeating: 0, count: n * 784)
        var labels = [UInt8](repeating: 0, count: n)
        for i in 0..<n {
            labels[i] = UInt8(i % 10)
            for y in 4..<24 { pixels[i * 784 + y * 28 + 8 + i % 10] = 255 }
        }
        return (idx(magic: 2051, dims: [UInt32(n), 28, 28], data: pixels), idx(magic: 2049, dims: [UInt32(n)], data: labels))
    }

    /// `data` as a gzip member of stored (uncompressed) deflate blocks.
    static func gzipStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out += [final, UInt8(count & 0xff), UInt8(count >> 8), UInt8(~count & 0xff), UInt8((~count >> 8) & 0xff)]
            out += data[offset..<(offset + count)]
            offset += count
        } while offset < data.count
        let crc = crc32(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        for value in [crc, size] { out += (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(8 * $0)) } }
        return out
    }

    /// A scene file for the campaign: the fixture PNG as input, one of each output kind.
    static let scene = """
        # a scene for the robustness campaign
        input: digit.png
        outputs:
          - orbit: { file: out/orbit.mp4, size: 320x180, fps: 24, seconds: 2, reveal: forward-pass, reveal-seconds: 0.5 }
          - poster:
              file: out/poster.pdf
              layer: conv1
              size: 640x360
          - preprocess: { file: out/sheet.png, steps-dir: out/steps }
        style:
          colormap: magma
          background: "#101010"
          edges: 4
        """

    /// A PNG of `rows` (filter byte 0 added here) with the given IHDR fields and extra chunks
    /// before IDAT; the image data is a zlib stream of stored blocks.
    static func makePNG(
        width: Int, height: Int, colourType: UInt8, depth: UInt8, rows: [[UInt8]],
        extra: [(String, [UInt8])] = []
    ) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * $0)) } }
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            be32(UInt32(body.count)) + Array(type.utf8) + body + be32(crc32(Array(type.utf8) + body))
        }
        let ihdr: [UInt8] = be32(UInt32(width)) + be32(UInt32(height)) + [depth, colourType, 0, 0, 0]
        let raw: [UInt8] = rows.flatMap { (row: [UInt8]) -> [UInt8] in [0] + row }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr)
        for (type, body) in extra { out += chunk(type, body) }
        return out + chunk("IDAT", zlibStored(raw)) + chunk("IEND", [])
    }

    /// `data` as a zlib stream of stored deflate blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        let gz = gzipStored(data)
        let deflate = gz[10..<(gz.count - 8)]
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        let adler = b << 16 | a
        let trailer: [UInt8] = (0..<4).map { UInt8(truncatingIfNeeded: adler >> UInt32(24 - 8 * $0)) }
        return [0x78, 0x01] + Array(deflate) + trailer
    }

    static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }

    /// CRC-32 (IEEE), as PNG and gzip use.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

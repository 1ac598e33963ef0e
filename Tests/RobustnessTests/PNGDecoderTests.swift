import CCairo
import CairoGraphics
import Foundation
import Testing

/// `ImageSurface.readPNG` decodes through libpng directly (to keep libpng's messages); it must
/// give exactly the pixels Cairo's own PNG reader gives, for every colour type cnnviz accepts.
@Suite("PNG decoder: the same pixels as Cairo's reader")
struct PNGDecoderTests {
    /// Cairo's own decoding of the file at `path`, as tightly packed BGRA (alpha 255 when opaque).
    static func cairoPixels(_ path: String) throws -> (width: Int, height: Int, bgra: [UInt8]) {
        let surface = try #require(cairo_image_surface_create_from_png(path))
        defer { cairo_surface_destroy(surface) }
        try #require(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let opaque = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24
        let data = try #require(cairo_image_surface_get_data(surface))
        var out: [UInt8] = []
        for y in 0..<height {
            for x in 0..<(width * 4) { out.append(opaque && x % 4 == 3 ? 255 : data[y * stride + x]) }
        }
        return (width, height, out)
    }

    /// PNGs of every colour type and a few bit depths, with partial transparency.
    static func samples() -> [(String, [UInt8])] {
        let w = 9, h = 7
        func value(_ x: Int, _ y: Int, _ k: Int) -> UInt8 { UInt8((x * 37 + y * 23 + k * 71) % 256) }
        let gray8 = (0..<h).map { y in (0..<w).map { value($0, y, 0) } }
        let gray2 = (0..<h).map { y in
            stride(from: 0, to: w, by: 4).map { x in
                (0..<4).reduce(UInt8(0)) { acc, k in acc << 2 | (x + k < w ? UInt8((x + k + y) % 4) : 0) }
            }
        }
        let rgb8 = (0..<h).map { y in (0..<w).flatMap { x in (0..<3).map { value(x, y, $0) } } }
        let rgba8 = (0..<h).map { y in (0..<w).flatMap { x in (0..<4).map { value(x, y, $0) } } }
        let ga8 = (0..<h).map { y in (0..<w).flatMap { x in [value(x, y, 0), value(x, y, 3)] } }
        let rgba16 = (0..<h).map { y in (0..<w).flatMap { x in (0..<4).flatMap { [value(x, y, $0), value(x, y, $0 + 5)] } } }
        let palette = (0..<h).map { y in (0..<w).map { UInt8(($0 + y) % 4) } }
        let plte: [UInt8] = [0, 0, 0, 255, 255, 255, 200, 30, 60, 10, 220, 90]
        return [
            ("gray8", makePNG(w, h, 0, 8, gray8)),
            ("gray2", makePNG(w, h, 0, 2, gray2)),
            ("rgb8", makePNG(w, h, 2, 8, rgb8)),
            ("rgba8", makePNG(w, h, 6, 8, rgba8)),
            ("gray-alpha8", makePNG(w, h, 4, 8, ga8)),
            ("rgba16", makePNG(w, h, 6, 16, rgba16)),
            (
                "palette-trns",
                Fixtures.makePNG(
                    width: w, height: h, colourType: 3, depth: 8, rows: palette,
                    extra: [("PLTE", plte), ("tRNS", [255, 0, 128, 40])])
            ),
            ("gray-trns", Fixtures.makePNG(width: w, height: h, colourType: 0, depth: 8, rows: gray8, extra: [("tRNS", [0, 37])])),
        ]
    }

    static func makePNG(_ w: Int, _ h: Int, _ type: UInt8, _ depth: UInt8, _ rows: [[UInt8]]) -> [UInt8] {
        Fixtures.makePNG(width: w, height: h, colourType: type, depth: depth, rows: rows)
    }

    @Test("every colour type decodes to Cairo's pixels, byte for byte")
    func matchesCairo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cnnviz-pngdecoder-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        ).path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files: [(String, String)] = []
        for (name, bytes) in Self.samples() {
            let path = "\(dir)/\(name).png"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            files.append((name, path))
        }
        let digits = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/digits").standardized
            .path
        for n in [0, 7] { files.append(("sample \(n)", "\(digits)/\(n).png")) }
        for (name, path) in files {
            let expected = try Self.cairoPixels(path)
            let surface = try ImageSurface.readPNG(at: path)
            #expect(surface.width == expected.width && surface.height == expected.height, "\(name)")
            let ours = surface.bgraBytes()
            let differing = zip(ours, expected.bgra).filter { $0 != $1 }.count
            #expect(differing == 0, "\(name): \(differing) bytes differ from Cairo's decoding")
        }
    }
}

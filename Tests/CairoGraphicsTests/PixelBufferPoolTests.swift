import CairoGraphics
import Testing

@Suite struct PixelBufferPoolTests {
    @Test("a pooled surface holds exactly the rows written, and its buffer goes back to the pool")
    func pooledSurfaceRoundTrip() throws {
        let pool = PixelBufferPool(limit: 2)
        let (w, h) = (7, 5)
        let bytes: [UInt8] = (0..<(w * h * 4)).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
        do {
            let surface = try ImageSurface(width: w, height: h, pool: pool) { y, row in
                bytes.withUnsafeBytes { row.copyMemory(from: $0.baseAddress! + y * w * 4, byteCount: w * 4) }
            }
            #expect(surface.bgraBytes() == bytes)
            #expect(pool.count == 0)
        }
        #expect(pool.count == 1)
        // The kept buffer is handed out again (its old contents overwritten row by row).
        let again = try ImageSurface(width: w, height: h, pool: pool) { _, row in
            row.initializeMemory(as: UInt8.self, repeating: 9, count: w * 4)
        }
        #expect(pool.count == 0)
        #expect(again.bgraBytes() == [UInt8](repeating: 9, count: w * h * 4))
    }

    @Test("the pool keeps at most its limit; a failing row writer gives the buffer back and throws")
    func boundedAndFailureSafe() throws {
        struct Refused: Error {}
        let pool = PixelBufferPool(limit: 2)
        do {
            let surfaces = try (0..<5).map { _ in
                try ImageSurface(width: 4, height: 4, pool: pool) { _, row in row.initializeMemory(as: UInt8.self, repeating: 0, count: 16)
                }
            }
            #expect(surfaces.count == 5)
        }
        #expect(pool.count == 2)
        #expect(throws: Refused.self) {
            _ = try ImageSurface(width: 4, height: 4, pool: pool) { y, _ in if y == 2 { throw Refused() } }
        }
        #expect(pool.count == 2)
        #expect(throws: CairoError.self) { _ = try ImageSurface(width: 0, height: 4, pool: pool) { _, _ in } }
    }
}

import Studio
import Testing

@Suite("BGRA → YUV 4:2:0")
struct PixelFormatTests {
    /// One solid frame of `w×h` in BGRA.
    func solid(_ b: UInt8, _ g: UInt8, _ r: UInt8, _ w: Int, _ h: Int) -> [UInt8] {
        Array((0..<(w * h)).map { _ in [b, g, r, 255] }.joined())
    }

    @Test(
        "BT.709 limited-range values of known colours",
        arguments: [
            (UInt8(255), UInt8(255), UInt8(255), UInt8(235), UInt8(128), UInt8(128)),  // white
            (0, 0, 0, 16, 128, 128),  // black
            (0, 0, 255, 63, 102, 240),  // red
            (0, 255, 0, 173, 42, 26),  // green
            (255, 0, 0, 32, 240, 118),  // blue
        ])
    func knownColours(b: UInt8, g: UInt8, r: UInt8, y: UInt8, u: UInt8, v: UInt8) {
        let size = FrameSize(width: 4, height: 2)
        let out = YUV420.convert(bgra: solid(b, g, r, 4, 2), size: size)
        #expect(out.count == PixelFormat.yuv420p.frameBytes(size))
        #expect(out.prefix(8).allSatisfy { $0 == y })
        #expect(out[8...9].allSatisfy { $0 == u })
        #expect(out[10...11].allSatisfy { $0 == v })
    }

    @Test("odd sizes round the chroma planes up")
    func oddSize() {
        let size = FrameSize(width: 3, height: 3)
        let out = YUV420.convert(bgra: solid(0, 0, 0, 3, 3), size: size)
        #expect(out.count == 9 + 2 * 4)
    }

    @Test("chroma is the average of each 2×2 block")
    func averaging() {
        // Left block: two white and two black pixels; right block: all white.
        var bgra = solid(255, 255, 255, 4, 2)
        for i in [0, 4] { bgra[i * 4] = 0; bgra[i * 4 + 1] = 0; bgra[i * 4 + 2] = 0 }
        let out = YUV420.convert(bgra: bgra, size: FrameSize(width: 4, height: 2))
        #expect(Array(out.prefix(8)) == [16, 235, 235, 235, 16, 235, 235, 235])
        #expect(out[8] == 128 && out[9] == 128)
    }
}

@Suite("BGRA → YUV 4:2:0 paths")
struct PixelFormatPathTests {
    @Test("the SIMD path and the scalar tail agree on every width", arguments: [8, 10, 13, 16, 22])
    func simdMatchesScalar(width: Int) {
        // Pseudo-random pixels: a 16-wide frame is all SIMD; its first `width` columns,
        // copied into a narrower frame, go partly through the scalar tail.
        var state: UInt32 = 7
        let height = 4
        let wide = 24
        var pixels: [UInt8] = []
        for i in 0..<(wide * height * 4) {
            state = state &* 1_664_525 &+ 1_013_904_223
            let byte: UInt8 = i % 4 == 3 ? 255 : UInt8(truncatingIfNeeded: state >> 24)
            pixels.append(byte)
        }
        let full = YUV420.convert(bgra: pixels, size: FrameSize(width: wide, height: height))
        var narrow: [UInt8] = []
        for y in 0..<height {
            let start = y * wide * 4
            narrow += pixels[start..<(start + width * 4)]
        }
        let part = YUV420.convert(bgra: narrow, size: FrameSize(width: width, height: height))
        for y in 0..<height {
            let mine: [UInt8] = Array(part[(y * width)..<(y * width + width)])
            let reference: [UInt8] = Array(full[(y * wide)..<(y * wide + width)])
            #expect(mine == reference)
        }
        let cw = (width + 1) / 2, fullCW = wide / 2
        let pairs = width / 2  // complete 2×2 blocks match exactly
        for cy in 0..<(height / 2) {
            let u: [UInt8] = Array(part[(width * height + cy * cw)...].prefix(pairs))
            let fullU: [UInt8] = Array(full[(wide * height + cy * fullCW)...].prefix(pairs))
            #expect(u == fullU)
        }
    }
}

@Suite("BGRA → YUV 4:2:0 into a reused buffer")
struct PixelFormatReuseTests {
    /// Pseudo-random opaque BGRA pixels.
    static func pixels(width: Int, height: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<(width * height * 4)).map { i in
            state = state &* 1_664_525 &+ 1_013_904_223
            return i % 4 == 3 ? 255 : UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    @Test(
        "converting into a buffer holding another frame gives the fresh conversion, in the same storage",
        arguments: [(16, 8), (13, 7), (3840 / 8, 2160 / 8)])
    func reusedBufferIsOverwritten(width: Int, height: Int) {
        let size = FrameSize(width: width, height: height)
        let first = Self.pixels(width: width, height: height, seed: 3)
        let second = Self.pixels(width: width, height: height, seed: 11)
        var buffer = YUV420.convert(bgra: first, size: size)
        let storage = buffer.withUnsafeBufferPointer { $0.baseAddress }
        second.withUnsafeBufferPointer { src in
            YUV420.convert(bgra: src.baseAddress!, stride: width * 4, width: width, height: height, into: &buffer)
        }
        #expect(buffer == YUV420.convert(bgra: second, size: size))
        #expect(buffer != YUV420.convert(bgra: first, size: size))
        #expect(buffer.withUnsafeBufferPointer { $0.baseAddress } == storage, "the array's storage was reused")
        // A buffer of the wrong size is replaced by one of the right size.
        var small: [UInt8] = [1, 2, 3]
        second.withUnsafeBufferPointer { src in
            YUV420.convert(bgra: src.baseAddress!, stride: width * 4, width: width, height: height, into: &small)
        }
        #expect(small == YUV420.convert(bgra: second, size: size))
    }
}

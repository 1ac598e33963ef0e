/// How a frame's bytes are laid out when they travel from a worker to the writer.
public enum PixelFormat: String, Sendable, Equatable {
    /// Premultiplied BGRA, 4 bytes per pixel (Cairo's ARGB32 on little-endian machines).
    case bgra
    /// Planar Y, then U and V at half resolution in both directions (BT.709, limited range).
    case yuv420p

    /// Bytes in one frame of `size`.
    public func frameBytes(_ size: FrameSize) -> Int {
        switch self {
        case .bgra: size.width * size.height * 4
        case .yuv420p: size.width * size.height + 2 * ((size.width + 1) / 2) * ((size.height + 1) / 2)
        }
    }
}

/// BGRA → YUV 4:2:0 conversion (BT.709 coefficients, limited "TV" range, chroma averaged
/// over each 2×2 block), done by the rendering workers so the serial encoder only encodes and
/// the pipe carries 1.5 instead of 4 bytes per pixel. Integer arithmetic only: the same
/// pixels give the same bytes on every machine. Pixels are taken as opaque (alpha ignored).
public enum YUV420 {
    // 16.16 fixed-point coefficients for 8-bit R, G, B.
    //   Y  =  16 + 0.18259 R + 0.61423 G + 0.06201 B
    //   Cb = 128 − 0.10064 R − 0.33857 G + 0.43922 B
    //   Cr = 128 + 0.43922 R − 0.39894 G − 0.04027 B
    static let yR = 11966, yG = 40254, yB = 4064
    static let uR = -6596, uG = -22189, uB = 28785
    static let vR = 28785, vG = -26145, vB = -2640

    /// Converts `width × height` BGRA pixels at `source` (rows `stride` bytes apart).
    ///
    /// Eight pixels at a time with SIMD (about 1 ms for 1280×720), then a scalar tail; both
    /// paths compute exactly the same integers.
    public static func convert(bgra source: UnsafePointer<UInt8>, stride: Int, width: Int, height: Int) -> [UInt8] {
        var out: [UInt8] = []
        convert(bgra: source, stride: stride, width: width, height: height, into: &out)
        return out
    }

    /// Converts as `convert(bgra:stride:width:height:)` does, into `output`: its storage is
    /// reused when it already holds one frame of this size and nothing else refers to it (a
    /// 4K frame is 12 MB: a fresh array costs the kernel thousands of page faults, each page
    /// zeroed before it is written), else it is replaced by a new array. Every byte is written.
    public static func convert(
        bgra source: UnsafePointer<UInt8>, stride: Int, width: Int, height: Int, into output: inout [UInt8]
    ) {
        let bytes = PixelFormat.yuv420p.frameBytes(FrameSize(width: width, height: height))
        if output.count != bytes {
            output = [UInt8](unsafeUninitializedCapacity: bytes) { _, count in count = bytes }
        }
        output.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            convertRows(bgra: source, stride: stride, width: width, height: height, to: base)
        }
    }

    /// The conversion into `base`, which holds one frame's Y, U and V planes.
    static func convertRows(
        bgra source: UnsafePointer<UInt8>, stride: Int, width: Int, height: Int, to base: UnsafeMutablePointer<UInt8>
    ) {
        let chromaWidth = (width + 1) / 2, chromaHeight = (height + 1) / 2
        let chromaCount = chromaWidth * chromaHeight
        let yPlane = base, uPlane = base + width * height, vPlane = uPlane + chromaCount
        for cy in 0..<chromaHeight {
            let y0 = cy * 2, y1 = min(y0 + 1, height - 1)  // an odd last row pairs with itself
            let rows = (source + y0 * stride, source + y1 * stride)
            let luma = (yPlane + y0 * width, yPlane + y1 * width)
            let chroma = (uPlane + cy * chromaWidth, vPlane + cy * chromaWidth)
            let done = convertEights(rows: rows, luma: luma, chroma: chroma, width: width)
            convertTail(from: done, rows: rows, luma: luma, chroma: chroma, width: width)
        }
    }

    /// Two rows, eight pixels per step; returns how many pixels of each row were converted.
    @inline(__always)
    static func convertEights(
        rows: (UnsafePointer<UInt8>, UnsafePointer<UInt8>),
        luma: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>),
        chroma: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>), width: Int
    ) -> Int {
        let row0 = UnsafeRawPointer(rows.0), row1 = UnsafeRawPointer(rows.1)
        let out0 = UnsafeMutableRawPointer(luma.0), out1 = UnsafeMutableRawPointer(luma.1)
        let outU = UnsafeMutableRawPointer(chroma.0), outV = UnsafeMutableRawPointer(chroma.1)
        let mask = SIMD8<Int32>(repeating: 0xff)
        let lumaBias = Int32((16 << 16) + 32768), chromaBias = Int32((128 << 18) + (1 << 17))
        var x = 0
        while x + 8 <= width {
            let p = row0.loadUnaligned(fromByteOffset: x * 4, as: SIMD8<Int32>.self)
            let q = row1.loadUnaligned(fromByteOffset: x * 4, as: SIMD8<Int32>.self)
            let pb = p & mask, pg = (p &>> 8) & mask, pr = (p &>> 16) & mask
            let qb = q & mask, qg = (q &>> 8) & mask, qr = (q &>> 16) & mask
            let y0 = (pr &* Int32(yR) &+ pg &* Int32(yG) &+ pb &* Int32(yB) &+ lumaBias) &>> 16
            let y1 = (qr &* Int32(yR) &+ qg &* Int32(yG) &+ qb &* Int32(yB) &+ lumaBias) &>> 16
            out0.storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: y0), toByteOffset: x, as: SIMD8<UInt8>.self)
            out1.storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: y1), toByteOffset: x, as: SIMD8<UInt8>.self)
            // Sums over each 2×2 block: the two rows, then neighbouring columns.
            let r2 = pr &+ qr, g2 = pg &+ qg, b2 = pb &+ qb
            let r = r2.evenHalf &+ r2.oddHalf, g = g2.evenHalf &+ g2.oddHalf, b = b2.evenHalf &+ b2.oddHalf
            let u = (r &* Int32(uR) &+ g &* Int32(uG) &+ b &* Int32(uB) &+ chromaBias) &>> 18
            let v = (r &* Int32(vR) &+ g &* Int32(vG) &+ b &* Int32(vB) &+ chromaBias) &>> 18
            outU.storeBytes(of: SIMD4<UInt8>(truncatingIfNeeded: u), toByteOffset: x / 2, as: SIMD4<UInt8>.self)
            outV.storeBytes(of: SIMD4<UInt8>(truncatingIfNeeded: v), toByteOffset: x / 2, as: SIMD4<UInt8>.self)
            x += 8
        }
        return x
    }

    /// Two rows from pixel `start` (even) to the end, one 2×2 block per step.
    static func convertTail(
        from start: Int, rows: (UnsafePointer<UInt8>, UnsafePointer<UInt8>),
        luma: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>),
        chroma: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>), width: Int
    ) {
        var x0 = start
        while x0 < width {
            let x1 = min(x0 + 1, width - 1)  // an odd last column pairs with itself
            let a = rows.0 + x0 * 4, b = rows.0 + x1 * 4, c = rows.1 + x0 * 4, d = rows.1 + x1 * 4
            luma.0[x0] = Self.luma(a); luma.0[x1] = Self.luma(b)
            luma.1[x0] = Self.luma(c); luma.1[x1] = Self.luma(d)
            let sumB = Int(a[0]) + Int(b[0]) + Int(c[0]) + Int(d[0])
            let sumG = Int(a[1]) + Int(b[1]) + Int(c[1]) + Int(d[1])
            let sumR = Int(a[2]) + Int(b[2]) + Int(c[2]) + Int(d[2])
            let u = (uR * sumR + uG * sumG + uB * sumB + (128 << 18) + (1 << 17)) >> 18
            let v = (vR * sumR + vG * sumG + vB * sumB + (128 << 18) + (1 << 17)) >> 18
            chroma.0[x0 / 2] = UInt8(clamping: u)
            chroma.1[x0 / 2] = UInt8(clamping: v)
            x0 += 2
        }
    }

    /// Limited-range luma of the BGRA pixel at `p`.
    @inline(__always)
    static func luma(_ p: UnsafePointer<UInt8>) -> UInt8 {
        UInt8(truncatingIfNeeded: (yR * Int(p[2]) + yG * Int(p[1]) + yB * Int(p[0]) + (16 << 16) + 32768) >> 16)
    }

    /// Converts tightly packed BGRA bytes of `size`.
    public static func convert(bgra: [UInt8], size: FrameSize) -> [UInt8] {
        bgra.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [] }
            return convert(bgra: base, stride: size.width * 4, width: size.width, height: size.height)
        }
    }
}

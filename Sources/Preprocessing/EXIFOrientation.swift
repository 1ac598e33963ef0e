import Foundation
import Support

/// How a stored image must be turned to be seen upright: the EXIF orientation tag (0x0112),
/// values 1–8, as phones write it for photos stored sideways.
public enum EXIFOrientation: Int, Sendable, CaseIterable {
    /// Stored upright.
    case up = 1
    /// Mirrored left to right.
    case mirrored = 2
    /// Upside down.
    case upsideDown = 3
    /// Mirrored top to bottom.
    case upsideDownMirrored = 4
    /// Stored row 0 is the left side, column 0 the top (transpose).
    case leftMirrored = 5
    /// Stored row 0 is the right side, column 0 the top: turn 90° clockwise to view.
    case right = 6
    /// Stored row 0 is the right side, column 0 the bottom (transverse).
    case rightMirrored = 7
    /// Stored row 0 is the left side, column 0 the bottom: turn 90° anticlockwise to view.
    case left = 8

    /// True when the upright image has width and height exchanged.
    public var swapsSides: Bool { rawValue >= 5 }

    /// The orientation in EXIF data (`Exif\0\0` and a TIFF header, or the TIFF header alone as
    /// in a PNG `eXIf` chunk), or nil when there is no valid tag. Every offset is checked
    /// against the data's length: damaged or hostile EXIF is ignored, never a trap.
    public static func parse(exif bytes: [UInt8]) -> EXIFOrientation? {
        let prefix: [UInt8] = Array("Exif".utf8) + [0, 0]
        let tiff = bytes.starts(with: prefix) ? Array(bytes.dropFirst(6)) : bytes
        return parse(tiff: tiff)
    }

    /// The orientation tag of IFD0 in TIFF-structured data.
    static func parse(tiff: [UInt8]) -> EXIFOrientation? {
        guard tiff.count >= 8 else { return nil }
        let little: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ o: Int) -> Int? {
            guard o >= 0, o <= tiff.count - 2 else { return nil }
            let a = Int(tiff[o]), b = Int(tiff[o + 1])
            return little ? a | b << 8 : a << 8 | b
        }
        func u32(_ o: Int) -> Int? {
            guard let lo = u16(little ? o : o + 2), let hi = u16(little ? o + 2 : o) else { return nil }
            return hi << 16 | lo
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<count {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at), let type = u16(at + 2), let n = u32(at + 4) else { return nil }
            guard tag == 0x0112 else { continue }
            // SHORT (3), one value, stored in the first two bytes of the value field.
            guard type == 3, n >= 1, let value = u16(at + 8) else { return nil }
            return EXIFOrientation(rawValue: value)
        }
        return nil
    }

    /// Where output pixel (x, y) of the upright image comes from in the stored `width`×`height` image.
    func source(x: Int, y: Int, width: Int, height: Int) -> (x: Int, y: Int) {
        switch self {
        case .up: return (x, y)
        case .mirrored: return (width - 1 - x, y)
        case .upsideDown: return (width - 1 - x, height - 1 - y)
        case .upsideDownMirrored: return (x, height - 1 - y)
        case .leftMirrored: return (y, x)
        case .right: return (y, height - 1 - x)
        case .rightMirrored: return (width - 1 - y, height - 1 - x)
        case .left: return (width - 1 - y, x)
        }
    }

    /// `canvas` turned upright. Shape: a w×h canvas becomes h×w when `swapsSides`.
    public func apply(to canvas: Canvas) -> Canvas {
        if self == .up { return canvas }
        let (w, h) = (canvas.width, canvas.height)
        let (outW, outH) = swapsSides ? (h, w) : (w, h)
        var out = [UInt8](repeating: 0, count: canvas.bgra.count)
        canvas.bgra.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<outH {
                    for x in 0..<outW {
                        let s = source(x: x, y: y, width: w, height: h)
                        let from = (s.y * w + s.x) * 4
                        let to = (y * outW + x) * 4
                        dst[to] = src[from]
                        dst[to + 1] = src[from + 1]
                        dst[to + 2] = src[from + 2]
                        dst[to + 3] = src[from + 3]
                    }
                }
            }
        }
        return Canvas(width: outW, height: outH, bgra: out)
    }

    /// The orientation in the `eXIf` chunk of the PNG at `path` (before its first IDAT), or
    /// nil when there is none or the file cannot be walked; chunk lengths are checked
    /// against the file's size and against 64 KiB for the chunk read.
    public static func fromPNG(file path: String) -> EXIFOrientation? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), (try? handle.seek(toOffset: 8)) != nil else { return nil }
        var offset: UInt64 = 8
        while offset + 12 <= size {
            guard let head = try? handle.read(upToCount: 8), head.count == 8 else { return nil }
            let h = [UInt8](head)
            let length = UInt64(h[0]) << 24 | UInt64(h[1]) << 16 | UInt64(h[2]) << 8 | UInt64(h[3])
            let type = String(decoding: h[4..<8], as: UTF8.self)
            guard length <= size - offset - 12 else { return nil }
            if type == "IDAT" || type == "IEND" { return nil }
            if type == "eXIf" {
                guard length <= 65_536, let data = try? handle.read(upToCount: Int(length)), data.count == Int(length) else {
                    return nil
                }
                return parse(exif: [UInt8](data))
            }
            offset += 12 + length
            guard (try? handle.seek(toOffset: offset)) != nil else { return nil }
        }
        return nil
    }
}

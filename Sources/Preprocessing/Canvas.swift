import CairoGraphics
import Support

/// A decoded drawing: premultiplied BGRA bytes (Cairo's in-memory order on little-endian machines).
public struct Canvas: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `width * height * 4` bytes, B G R A per pixel, colour premultiplied by alpha.
    public var bgra: [UInt8]

    public init(width: Int, height: Int, bgra: [UInt8]) {
        precondition(bgra.count == width * height * 4, "canvas of \(width)×\(height) needs \(width * height * 4) bytes")
        self.width = width
        self.height = height
        self.bgra = bgra
    }

    /// Copies the pixels of a Cairo surface; opaque formats get alpha 255.
    public init(surface: ImageSurface) throws {
        var source = surface
        if !surface.isFourBytesPerPixel {
            let converted = try ImageSurface(width: surface.width, height: surface.height)
            let context = try Context(converted)
            context.setSource(surface, filter: .nearest)
            context.paint()
            source = converted
        }
        var bytes = source.bgraBytes()
        if !source.hasAlphaChannel {
            bytes.withUnsafeMutableBufferPointer { p in
                var i = 3
                while i < p.count { p[i] = 255; i += 4 }
            }
        }
        self.init(width: source.width, height: source.height, bgra: bytes)
    }

    /// True when any pixel is not fully opaque.
    public var hasTransparency: Bool {
        bgra.withUnsafeBufferPointer { p in
            var i = 3
            while i < p.count { if p[i] != 255 { return true }; i += 4 }
            return false
        }
    }

    /// A Cairo surface holding these pixels (for drawing illustrations).
    public func makeSurface() throws -> ImageSurface {
        try ImageSurface(width: width, height: height, bgra: bgra)
    }
}

/// Limits on what `CanvasDecoder` will decode.
public struct DecodeLimits: Sendable, Equatable {
    /// Largest `width * height` accepted (default `Limit.imagePixels`, 50 megapixels).
    public var maxPixels: Int
    /// Largest width or height accepted (default `Limit.imageSide`, Cairo's own 32,767).
    public var maxSide: Int
    public init(maxPixels: Int = Limit.imagePixels.maximum, maxSide: Int = Limit.imageSide.maximum) {
        self.maxPixels = maxPixels
        self.maxSide = maxSide
    }
}

/// Reads PNG files (through libpng) and JPEG files (through libjpeg-turbo) into canvases,
/// picking the decoder by the file's first bytes and turning the image upright by its EXIF
/// orientation (a JPEG's APP1 segment or a PNG's `eXIf` chunk).
public enum CanvasDecoder {
    /// Decodes the PNG or JPEG at `path`. The size is checked from the header (with checked
    /// arithmetic) before any pixel is decoded; unknown, truncated and damaged files become
    /// `PreprocessingError`s naming the file once and giving the decoder's own reason; HEIC
    /// is refused with a command that converts it.
    public static func decode(file path: String, limits: DecodeLimits = DecodeLimits()) throws(PreprocessingError) -> Canvas {
        let magic: [UInt8]
        do { magic = try FileBytes.prefix(path, count: 12) } catch { throw .unreadableFile(file: path, reason: error.reason) }
        if magic.starts(with: JPEGDecoder.signature) { return try JPEGDecoder.decode(file: path, limits: limits) }
        if HEIC.matches(magic) { throw HEIC.refusal(file: path) }
        let canvas = try decodePNG(file: path, limits: limits)
        return EXIFOrientation.fromPNG(file: path)?.apply(to: canvas) ?? canvas
    }

    /// Decodes the PNG at `path` as stored (no orientation applied).
    static func decodePNG(file path: String, limits: DecodeLimits) throws(PreprocessingError) -> Canvas {
        let header = try PNGHeader.read(file: path)
        try checkSize(header, file: path, limits: limits)
        let surface: ImageSurface
        do {
            surface = try ImageSurface.readPNG(at: path, maxPixels: limits.maxPixels, maxSide: limits.maxSide)
        } catch CairoError.unreadablePNG(_, let reason) {
            if !PNGHeader.endsWithIEND(file: path) { throw .truncatedPNG(file: path) }
            throw .malformedPNG(file: path, reason: reason)
        } catch CairoError.imageTooLarge(let width, let height, _) {
            throw .imageTooLarge(file: path, width: width, height: height, pixelLimit: limits.maxPixels, sideLimit: limits.maxSide)
        } catch {
            throw .malformedPNG(file: path, reason: "\(error)")
        }
        do { return try Canvas(surface: surface) } catch {
            throw .malformedPNG(file: path, reason: "\(error)")
        }
    }

    /// Refuses a header whose sides or pixel count break `limits`; the product is computed
    /// with checked arithmetic so a 4294967295×4294967295 header is an error, not a trap.
    static func checkSize(_ header: PNGHeader, file path: String, limits: DecodeLimits) throws(PreprocessingError) {
        let pixels = Limit(Limit.imagePixels.what, maximum: limits.maxPixels)
        let side = Limit(Limit.imageSide.what, maximum: limits.maxSide)
        do {
            _ = try side.check(header.width, file: path)
            _ = try side.check(header.height, file: path)
            _ = try pixels.check(Checked.product(header.width, header.height), file: path)
        } catch {
            throw .imageTooLarge(
                file: path, width: header.width, height: header.height,
                pixelLimit: limits.maxPixels, sideLimit: limits.maxSide)
        }
    }
}

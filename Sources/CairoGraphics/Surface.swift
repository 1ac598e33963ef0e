import CCairo
import CPNGDecode
import Support

/// Anything a `Context` can draw into. Owns one `cairo_surface_t`.
public class Surface {
    let pointer: OpaquePointer
    /// Whether the surface keeps scaled fonts (a vector surface's font subsets), so finishing
    /// or destroying it must hold `FontLock`.
    private let keepsFonts: Bool

    init(owning pointer: OpaquePointer, keepsFonts: Bool = false) throws {
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(pointer)
            try CairoError.check(status)
            throw CairoError.status(code: Int(status.rawValue), message: "surface creation failed")
        }
        self.pointer = pointer
        self.keepsFonts = keepsFonts
    }

    deinit {
        if keepsFonts { FontLock.withLock { cairo_surface_destroy(pointer) } } else { cairo_surface_destroy(pointer) }
    }

    /// Completes all pending drawing (for PDF/SVG this writes the file, under `FontLock`).
    public func finish() throws {
        if keepsFonts { FontLock.withLock { cairo_surface_finish(pointer) } } else { cairo_surface_finish(pointer) }
        try CairoError.check(cairo_surface_status(pointer))
    }

    /// Flushes pending drawing so pixel data can be read.
    public func flush() { cairo_surface_flush(pointer) }
}

/// A 32-bit premultiplied ARGB raster surface (`CAIRO_FORMAT_ARGB32`), native-endian: in
/// memory on little-endian machines each pixel is B, G, R, A.
public final class ImageSurface: Surface {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int

    /// Creates a transparent surface of the given size.
    public init(width: Int, height: Int) throws {
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw CairoError.invalidSize(width: width, height: height)
        }
        self.width = width
        self.height = height
        try super.init(owning: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)))
    }

    /// Pixels this object allocated itself (see `init(width:height:copying:)`), freed after
    /// the Cairo surface is finished; nil when Cairo owns the pixels.
    private var ownedPixels: UnsafeMutableRawPointer? = nil

    /// Creates a surface whose pixels start as a copy of `rows`: premultiplied BGRA,
    /// `width*4` bytes per row, `width*height*4` bytes. Unlike creating a surface and then
    /// copying into it, the pixels are written once (Cairo would clear them first).
    public convenience init(width: Int, height: Int, copying rows: UnsafeRawBufferPointer) throws {
        precondition(rows.count == width * height * 4, "rows must hold width*height*4 bytes")
        try self.init(width: width, height: height, pool: nil) { y, row in
            guard let source = rows.baseAddress else { return }
            row.copyMemory(from: source + y * width * 4, byteCount: width * 4)
        }
    }

    /// The pool this surface's pixels go back to (nil: they are freed).
    private var pool: PixelBufferPool? = nil
    private var ownedBytes = 0

    /// Creates a surface whose pixel rows are written by `rows(y, row)`, one after another
    /// from the top (each `row` holds `width*4` bytes of premultiplied BGRA with undefined
    /// contents until written: `rows` must write all of them). The pixels are written once,
    /// while each row is still in the cache; they come from `pool` (and go back to it when
    /// the surface goes away) when one is given.
    public init(
        width: Int, height: Int, pool: PixelBufferPool?, rows: (Int, UnsafeMutableRawPointer) throws -> Void
    ) throws {
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw CairoError.invalidSize(width: width, height: height)
        }
        let stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, Int32(width)))
        let bytes = stride * height
        let pixels = pool?.take(bytes: bytes) ?? UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        func release() { if let pool { pool.give(pixels, bytes: bytes) } else { pixels.deallocate() } }
        do {
            for y in 0..<height { try rows(y, pixels + y * stride) }
        } catch {
            release()
            throw error
        }
        self.width = width
        self.height = height
        let surface = cairo_image_surface_create_for_data(
            pixels.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32, Int32(width), Int32(height), Int32(stride))
        // Checked here so that a failure frees the pixels (`Surface.init` then cannot fail).
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            let status = surface.map { cairo_surface_status($0) } ?? CAIRO_STATUS_NO_MEMORY
            if let surface { cairo_surface_destroy(surface) }
            release()
            try CairoError.check(status)
            throw CairoError.status(code: Int(status.rawValue), message: "surface creation failed")
        }
        try super.init(owning: surface)
        ownedPixels = pixels
        ownedBytes = bytes
        self.pool = pool
    }

    deinit {
        // Cairo must be done with the pixels before they go (the surface itself is destroyed
        // by `Surface.deinit`, which runs after this).
        if let ownedPixels {
            cairo_surface_finish(pointer)
            if let pool { pool.give(ownedPixels, bytes: ownedBytes) } else { ownedPixels.deallocate() }
        }
    }

    init(adopting pointer: OpaquePointer) throws {
        self.width = Int(cairo_image_surface_get_width(pointer))
        self.height = Int(cairo_image_surface_get_height(pointer))
        try super.init(owning: pointer)
    }

    /// Creates a surface holding a copy of premultiplied BGRA bytes (`stride == width*4`).
    public convenience init(width: Int, height: Int, bgra: [UInt8]) throws {
        precondition(bgra.count == width * height * 4, "bgra must hold width*height*4 bytes")
        try self.init(width: width, height: height)
        flush()
        let stride = Int(cairo_image_surface_get_stride(pointer))
        guard let dst = cairo_image_surface_get_data(pointer) else { return }
        bgra.withUnsafeBytes { src in
            for y in 0..<height {
                (dst + y * stride).update(from: src.baseAddress!.assumingMemoryBound(to: UInt8.self) + y * width * 4, count: width * 4)
            }
        }
        cairo_surface_mark_dirty(pointer)
    }

    /// Bytes per row of the pixel buffer.
    public var stride: Int { Int(cairo_image_surface_get_stride(pointer)) }

    /// A copy of the pixels as tightly packed premultiplied BGRA bytes (`width*height*4`).
    public func bgraBytes() -> [UInt8] {
        flush()
        var out = [UInt8](repeating: 0, count: width * height * 4)
        guard let src = cairo_image_surface_get_data(pointer) else { return out }
        let stride = self.stride
        let rowBytes = width * 4
        out.withUnsafeMutableBytes { dst in
            let base = dst.baseAddress!.assumingMemoryBound(to: UInt8.self)
            for y in 0..<height {
                (base + y * rowBytes).update(from: src + y * stride, count: rowBytes)
            }
        }
        return out
    }

    /// Calls `body` with the raw pixel buffer (premultiplied BGRA rows of `stride` bytes),
    /// then marks the surface dirty so Cairo sees the changes.
    public func withMutablePixels<R>(_ body: (UnsafeMutablePointer<UInt8>, _ stride: Int) throws -> R) rethrows -> R {
        flush()
        guard let data = cairo_image_surface_get_data(pointer) else {
            preconditionFailure("image surface has no data")
        }
        defer { cairo_surface_mark_dirty(pointer) }
        return try body(data, stride)
    }

    /// Writes the surface as a PNG file at `path`.
    public func writePNG(to path: String) throws {
        flush()
        let status = cairo_surface_write_to_png(pointer, path)
        if status != CAIRO_STATUS_SUCCESS {
            throw CairoError.writeFailed(path: path, reason: String(cString: cairo_status_to_string(status)))
        }
    }

    /// Reads a PNG file into a new surface with libpng (the same conversions as Cairo's own
    /// reader), refusing images over `maxPixels` or `maxSide` per side before allocating their
    /// pixels. Throws `CairoError.unreadablePNG` naming the file once, with libpng's own reason
    /// ("IDAT: CRC error", "Read Error"), or `CairoError.imageTooLarge`.
    public static func readPNG(
        at path: String, maxPixels: Int = Limit.imagePixels.maximum,
        maxSide: Int = Limit.imageSide.maximum
    ) throws -> ImageSurface {
        var reader: OpaquePointer?
        let opened = cnnviz_png_open(path, Int64(maxPixels), Int32(clamping: maxSide), &reader)
        defer { cnnviz_png_close(reader) }
        try check(opened, path: path, maxPixels: maxPixels)
        guard let reader else { throw CairoError.unreadablePNG(path: path, reason: "libpng failed") }
        let surface = try ImageSurface(width: Int(opened.width), height: Int(opened.height))
        surface.flush()
        guard let pixels = cairo_image_surface_get_data(surface.pointer) else {
            throw CairoError.unreadablePNG(path: path, reason: "no memory for a \(opened.width)×\(opened.height) surface")
        }
        try check(cnnviz_png_read(reader, pixels, surface.stride), path: path, maxPixels: maxPixels)
        cairo_surface_mark_dirty(surface.pointer)
        return surface
    }

    /// Turns a decoder status into the matching `CairoError`, keeping libpng's message.
    private static func check(_ status: cnnviz_png_status, path: String, maxPixels: Int) throws {
        switch Int(status.status) {
        case Int(CNNVIZ_PNG_OK): return
        case Int(CNNVIZ_PNG_TOO_LARGE):
            throw CairoError.imageTooLarge(width: Int(status.width), height: Int(status.height), limit: maxPixels)
        default:
            let message = withUnsafeBytes(of: status.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw CairoError.unreadablePNG(path: path, reason: message.isEmpty ? "libpng failed" : message)
        }
    }
}

/// A vector PDF surface writing to a file; call `showPage()` between pages and `finish()` at the end.
public final class PDFSurface: Surface {
    /// Creates a PDF file of the given page size in points (1/72 inch).
    public init(path: String, width: Double, height: Double) throws {
        try super.init(owning: cairo_pdf_surface_create(path, width, height), keepsFonts: true)
    }

    /// Changes the size of the pages that follow.
    public func setPageSize(width: Double, height: Double) {
        cairo_pdf_surface_set_size(pointer, width, height)
    }
}

/// A vector SVG surface writing to a file; call `finish()` at the end.
public final class SVGSurface: Surface {
    /// Creates an SVG file of the given size in points.
    public init(path: String, width: Double, height: Double) throws {
        try super.init(owning: cairo_svg_surface_create(path, width, height), keepsFonts: true)
    }
}

import CairoGraphics

/// Anything that can draw frame `index` of a video. Implementations must be deterministic
/// (the same index always gives the same bytes) and safe to call from several threads at
/// once: each call creates its own Cairo surface.
public protocol FrameSource: Sendable {
    /// Size of every frame.
    var size: FrameSize { get }
    /// Frame `index` as tightly packed premultiplied BGRA bytes (`width × height × 4`).
    func frame(_ index: Int) throws -> [UInt8]
    /// Frame `index` in `format`. The default converts `frame(_:)`; sources that own a
    /// surface can convert straight from its pixels and skip the BGRA copy.
    func frame(_ index: Int, format: PixelFormat) throws -> [UInt8]
    /// Frame `index` as `frame(_:)` gives it, in `buffer` (whose storage the source may reuse:
    /// `FrameScheduler` hands back delivered frames' arrays). The default replaces `buffer`.
    func frame(_ index: Int, into buffer: inout [UInt8]) throws
    /// Frame `index` as `frame(_:format:)` gives it, in `buffer` (see `frame(_:into:)`).
    func frame(_ index: Int, format: PixelFormat, into buffer: inout [UInt8]) throws
}

extension FrameSource {
    public func frame(_ index: Int, into buffer: inout [UInt8]) throws { buffer = try frame(index) }

    public func frame(_ index: Int, format: PixelFormat, into buffer: inout [UInt8]) throws {
        buffer = try frame(index, format: format)
    }

    public func frame(_ index: Int, format: PixelFormat) throws -> [UInt8] {
        let bgra = try frame(index)
        switch format {
        case .bgra: return bgra
        case .yuv420p: return YUV420.convert(bgra: bgra, size: size)
        }
    }
}

/// A cheap synthetic source for tests and benchmarks: a diagonal gradient and a bar whose
/// position and hue depend on the frame index, drawn with Cairo.
public struct GradientFrameSource: FrameSource {
    public let size: FrameSize
    /// Frames in one cycle of the animation.
    public var period: Int

    /// Creates a source of `size` frames repeating every `period` frames.
    public init(size: FrameSize, period: Int = 60) {
        self.size = size
        self.period = max(1, period)
    }

    public func frame(_ index: Int) throws -> [UInt8] {
        let surface = try ImageSurface(width: size.width, height: size.height)
        let context = try Context(surface)
        let w = Double(size.width), h = Double(size.height)
        let phase = Double(index % period) / Double(period)
        context.setLinearGradient(
            x0: 0, y0: 0, x1: w, y1: h,
            stops: [
                (0, RGBA(0.05, 0.07, 0.09)),
                (1, RGBA(0.2 + 0.6 * phase, 0.3, 0.8 - 0.6 * phase)),
            ])
        context.paint()
        context.setColor(RGBA(0.35, 0.84, 1))
        context.rectangle(phase * (w - w / 8), h * 0.4, w / 8, h * 0.2)
        context.fill()
        try context.checkStatus()
        return surface.bgraBytes()
    }
}

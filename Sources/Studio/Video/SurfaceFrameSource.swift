import CairoGraphics

/// A `FrameSource` that draws each frame into its own Cairo image: it only provides
/// `image(_:)`, and frames in any `PixelFormat` are taken straight from that image's pixels
/// (no intermediate BGRA copy for YUV).
public protocol SurfaceFrameSource: FrameSource {
    /// Frame `index` as a Cairo image of `size`.
    func image(_ index: Int) throws -> ImageSurface
}

extension SurfaceFrameSource {
    public func frame(_ index: Int) throws -> [UInt8] { try image(index).bgraBytes() }

    public func frame(_ index: Int, format: PixelFormat) throws -> [UInt8] {
        try format.bytes(of: image(index), size: size)
    }

    public func frame(_ index: Int, format: PixelFormat, into buffer: inout [UInt8]) throws {
        try format.bytes(of: image(index), size: size, into: &buffer)
    }
}

extension PixelFormat {
    /// The pixels of `surface` (of `size`) laid out in this format.
    public func bytes(of surface: ImageSurface, size: FrameSize) -> [UInt8] {
        switch self {
        case .bgra:
            return surface.bgraBytes()
        case .yuv420p:
            return surface.withMutablePixels { pixels, stride in
                YUV420.convert(bgra: pixels, stride: stride, width: size.width, height: size.height)
            }
        }
    }

    /// The pixels of `surface` (of `size`) laid out in this format, in `buffer` (its storage
    /// reused for YUV when it fits; see `YUV420.convert(bgra:stride:width:height:into:)`).
    public func bytes(of surface: ImageSurface, size: FrameSize, into buffer: inout [UInt8]) {
        switch self {
        case .bgra:
            buffer = surface.bgraBytes()
        case .yuv420p:
            surface.withMutablePixels { pixels, stride in
                YUV420.convert(bgra: pixels, stride: stride, width: size.width, height: size.height, into: &buffer)
            }
        }
    }
}

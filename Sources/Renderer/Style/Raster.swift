import CairoGraphics

/// Values → pixels: the one way a picture turns numbers into an image with one pixel per
/// value (feature maps, kernels, the input thumbnail, the sheet's rasters). Cairo then only
/// scales the image (nearest for crisp cells).
public enum Raster {
    /// Premultiplied BGRA bytes (`width*4` per row) of the image whose pixel (x, y) is
    /// `pixel(x, y)`; colour and alpha components are clamped to 0…1 (NaN reads as 0).
    public static func bgra(width: Int, height: Int, _ pixel: (Int, Int) -> RGBA) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let c = pixel(x, y)
                let i = 4 * (y * width + x)
                let a = unit(c.a)
                bytes[i] = UInt8((unit(c.b) * a * 255).rounded())
                bytes[i + 1] = UInt8((unit(c.g) * a * 255).rounded())
                bytes[i + 2] = UInt8((unit(c.r) * a * 255).rounded())
                bytes[i + 3] = UInt8((a * 255).rounded())
            }
        }
        return bytes
    }

    /// The image whose pixel (x, y) is `pixel(x, y)` (see `bgra`).
    public static func image(width: Int, height: Int, _ pixel: (Int, Int) -> RGBA) throws -> ImageSurface {
        try ImageSurface(width: width, height: height, bgra: bgra(width: width, height: height, pixel))
    }

    /// Row-major `values` (`width*height` of them; missing ones white) through `color`.
    public static func image(
        _ values: [Float], width: Int, height: Int,
        color: (Float) -> RGBA
    ) throws -> ImageSurface {
        try image(width: width, height: height) { x, y in
            let i = y * width + x
            return i < values.count ? color(values[i]) : RGBA(1, 1, 1)
        }
    }

    /// Grey for `v`: 0 black … 1 white (clamped).
    public static func gray(_ v: Float) -> RGBA {
        let g = Double(v)
        return RGBA(g, g, g)
    }

    /// `v` clamped to 0…1, NaN as 0.
    @inline(__always)
    static func unit(_ v: Double) -> Double {
        guard v == v else { return 0 }
        return min(max(v, 0), 1)
    }
}

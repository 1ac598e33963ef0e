import CCairo

extension ImageSurface {
    /// True when the pixels carry alpha (`CAIRO_FORMAT_ARGB32`); false for opaque formats such
    /// as `CAIRO_FORMAT_RGB24`, whose fourth byte is unused and must be read as 255.
    public var hasAlphaChannel: Bool {
        cairo_image_surface_get_format(pointer) == CAIRO_FORMAT_ARGB32
    }

    /// True when the pixels are 32 bits each (ARGB32 or RGB24), the layout `bgraBytes()` assumes.
    public var isFourBytesPerPixel: Bool {
        let format = cairo_image_surface_get_format(pointer)
        return format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24
    }
}

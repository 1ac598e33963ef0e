/// One 8-connected piece of ink.
public struct InkComponent: Sendable, Equatable {
    /// Index of the component (0-based, in scan order of first pixel).
    public var label: Int32
    /// Pixel count.
    public var area: Int
    /// Bounding rectangle.
    public var bounds: PixelRect
    /// Whether it survived speck removal.
    public var kept: Bool
}

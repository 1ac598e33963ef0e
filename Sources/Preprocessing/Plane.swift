/// A rectangular grid of values in row-major order: `pixels[y * width + x]`.
public struct Plane<Element: Sendable>: Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [Element]

    /// Creates a plane; `pixels.count` must equal `width * height`.
    public init(width: Int, height: Int, pixels: [Element]) {
        precondition(pixels.count == width * height, "plane of \(width)×\(height) needs \(width * height) values")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A plane filled with one value.
    public init(width: Int, height: Int, repeating value: Element) {
        self.init(width: width, height: height, pixels: [Element](repeating: value, count: width * height))
    }

    /// The value at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Element {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }
}

extension Plane: Equatable where Element: Equatable {}

/// A pixel position (column, row).
public struct PixelPoint: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

/// An axis-aligned pixel rectangle, inclusive of `x`/`y`, `width`×`height` pixels.
public struct PixelRect: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }

    /// The smallest rectangle holding both.
    public func union(_ other: PixelRect) -> PixelRect {
        let x0 = min(x, other.x), y0 = min(y, other.y)
        return PixelRect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }

    /// Empty pixels between the two rectangles along the larger axis gap (0 when they touch or overlap).
    public func gap(to other: PixelRect) -> Int {
        let dx = max(0, max(other.x - maxX, x - other.maxX))
        let dy = max(0, max(other.y - maxY, y - other.maxY))
        return max(dx, dy)
    }
}

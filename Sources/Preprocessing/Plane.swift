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

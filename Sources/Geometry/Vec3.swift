/// A point or direction in 3D world space (right-handed, +Y up), in double precision.
public struct Vec3: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var z: Double

    public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x; self.y = y; self.z = z
    }

    public static let zero = Vec3(0, 0, 0)
    public static let unitX = Vec3(1, 0, 0)
    public static let unitY = Vec3(0, 1, 0)
    public static let unitZ = Vec3(0, 0, 1)

    public static func + (a: Vec3, b: Vec3) -> Vec3 { Vec3(a.x + b.x, a.y + b.y, a.z + b.z) }
    public static func - (a: Vec3, b: Vec3) -> Vec3 { Vec3(a.x - b.x, a.y - b.y, a.z - b.z) }
    public static prefix func - (a: Vec3) -> Vec3 { Vec3(-a.x, -a.y, -a.z) }
    public static func * (a: Vec3, s: Double) -> Vec3 { Vec3(a.x * s, a.y * s, a.z * s) }
    public static func * (s: Double, a: Vec3) -> Vec3 { Vec3(a.x * s, a.y * s, a.z * s) }
    public static func / (a: Vec3, s: Double) -> Vec3 { Vec3(a.x / s, a.y / s, a.z / s) }
    public static func += (a: inout Vec3, b: Vec3) { a = a + b }
    public static func -= (a: inout Vec3, b: Vec3) { a = a - b }

    /// Dot product.
    public func dot(_ o: Vec3) -> Double { x * o.x + y * o.y + z * o.z }
    /// Cross product `self × o`.
    public func cross(_ o: Vec3) -> Vec3 {
        Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x)
    }
    /// Euclidean length.
    public var length: Double { dot(self).squareRoot() }
    /// The same direction with length 1 (the zero vector stays zero).
    public var normalized: Vec3 {
        let l = length
        return l > 0 ? self / l : self
    }
    /// Linear interpolation: `self` at t = 0, `o` at t = 1.
    public func lerp(to o: Vec3, _ t: Double) -> Vec3 { self + (o - self) * t }
    /// Component-wise minimum.
    public func min(_ o: Vec3) -> Vec3 { Vec3(Swift.min(x, o.x), Swift.min(y, o.y), Swift.min(z, o.z)) }
    /// Component-wise maximum.
    public func max(_ o: Vec3) -> Vec3 { Vec3(Swift.max(x, o.x), Swift.max(y, o.y), Swift.max(z, o.z)) }

    public var description: String { "(\(x), \(y), \(z))" }
}

/// An axis-aligned box in world space; `empty` until a point is added.
public struct Bounds3: Sendable, Equatable {
    public var min: Vec3
    public var max: Vec3

    public init(min: Vec3, max: Vec3) {
        self.min = min; self.max = max
    }

    /// The smallest box holding every point (empty when `points` is empty).
    public init<S: Sequence>(points: S) where S.Element == Vec3 {
        self = .empty
        for p in points { add(p) }
    }

    /// A box that holds nothing; adding a point makes it that point.
    public static let empty = Bounds3(
        min: Vec3(.infinity, .infinity, .infinity),
        max: Vec3(-.infinity, -.infinity, -.infinity))

    /// True when no point has been added.
    public var isEmpty: Bool { min.x > max.x || min.y > max.y || min.z > max.z }
    public var center: Vec3 { (min + max) * 0.5 }
    public var size: Vec3 { max - min }

    /// Grows the box to hold `p`.
    public mutating func add(_ p: Vec3) {
        min = min.min(p); max = max.max(p)
    }
    /// The smallest box holding both.
    public func union(_ o: Bounds3) -> Bounds3 {
        if isEmpty { return o }
        if o.isEmpty { return self }
        return Bounds3(min: min.min(o.min), max: max.max(o.max))
    }
    /// The box grown by `d` on every side.
    public func expanded(by d: Double) -> Bounds3 {
        isEmpty ? self : Bounds3(min: min - Vec3(d, d, d), max: max + Vec3(d, d, d))
    }
    /// The eight corners (none when empty).
    public var corners: [Vec3] {
        guard !isEmpty else { return [] }
        return [
            Vec3(min.x, min.y, min.z), Vec3(max.x, min.y, min.z), Vec3(min.x, max.y, min.z), Vec3(max.x, max.y, min.z),
            Vec3(min.x, min.y, max.z), Vec3(max.x, min.y, max.z), Vec3(min.x, max.y, max.z), Vec3(max.x, max.y, max.z),
        ]
    }
    /// True when `p` lies inside or on the box.
    public func contains(_ p: Vec3) -> Bool {
        p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y && p.z >= min.z && p.z <= max.z
    }
}

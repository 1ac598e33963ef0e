#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

// Thin wrappers so the rest of Geometry needs no platform import.
@inline(__always) func sine(_ x: Double) -> Double { sin(x) }
@inline(__always) func cosine(_ x: Double) -> Double { cos(x) }
@inline(__always) func tangent(_ x: Double) -> Double { tan(x) }

/// Degrees → radians.
@inline(__always) public func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }

import Foundation

/// One way of changing a digit along a sweep, applied to the network's square input
/// (values 0…1, ink bright), since that is what the network sees:
/// - `rotate`: degrees, clockwise on screen, about the centre;
/// - `shift`: pixels to the right (negative: left);
/// - `scale`: a factor about the centre (1 = unchanged);
/// - `thickness`: pixels added to each side of every stroke (negative thins), by grey
///   dilation or erosion with a disc;
/// - `erase`: the share 0…1 of the image a vertical eraser has wiped, from the left.
public enum InputVariation: String, Sendable, Equatable, CaseIterable {
    case rotate, shift, scale, thickness, erase

    /// The values an amount may take, and the unit for labels.
    public var allowed: ClosedRange<Double> {
        switch self {
        case .rotate: return -360...360
        case .shift: return -28...28
        case .scale: return 0.1...4
        case .thickness: return -3...3
        case .erase: return 0...1
        }
    }

    /// The amount written with its unit (`-30°`, `+2 px`, `×1.2`, `40 %`).
    public func label(_ amount: Double) -> String {
        switch self {
        case .rotate: return String(format: "%.0f°", amount)
        case .shift: return String(format: "%+.1f px", amount)
        case .scale: return String(format: "×%.2f", amount)
        case .thickness: return String(format: "%+.1f px", amount)
        case .erase: return String(format: "%.0f %%", amount * 100)
        }
    }

    /// The name of the axis.
    public var axisTitle: String {
        switch self {
        case .rotate: return "rotation (degrees, clockwise)"
        case .shift: return "shift right (input pixels)"
        case .scale: return "scale (factor)"
        case .thickness: return "stroke thickness change (input pixels per side)"
        case .erase: return "share erased from the left"
        }
    }

    /// `image` (`side`×`side`, row-major) changed by `amount`.
    ///
    /// Shape: [side·side] → [side·side]. Geometric variations sample the source bilinearly
    /// at the inverse-mapped centre of each output pixel (zero outside).
    public func apply(_ image: [Float], side: Int, amount: Double) -> [Float] {
        guard side > 0, image.count == side * side else { return image }
        switch self {
        case .rotate:
            let r = amount * .pi / 180
            let (c, s) = (cos(r), sin(r))
            return Self.resample(image, side: side) { x, y in (c * x + s * y, -s * x + c * y) }
        case .shift:
            return Self.resample(image, side: side) { x, y in (x - amount, y) }
        case .scale:
            let k = max(amount, 1e-6)
            return Self.resample(image, side: side) { x, y in (x / k, y / k) }
        case .thickness:
            return Self.thicken(image, side: side, by: amount)
        case .erase:
            let edge = min(max(amount, 0), 1) * Double(side)
            var out = image
            for y in 0..<side {
                for x in 0..<side {
                    // Pixels wholly left of the eraser's edge are gone, the one it crosses in part.
                    let covered = min(max(edge - Double(x), 0), 1)
                    out[y * side + x] = Float(Double(image[y * side + x]) * (1 - covered))
                }
            }
            return out
        }
    }

    /// Each output pixel takes the source at `inverse(x, y)`, coordinates relative to the
    /// image centre.
    static func resample(_ image: [Float], side: Int, inverse: (Double, Double) -> (Double, Double)) -> [Float] {
        let half = Double(side) / 2
        func at(_ x: Int, _ y: Int) -> Double {
            x < 0 || y < 0 || x >= side || y >= side ? 0 : Double(image[y * side + x])
        }
        var out = [Float](repeating: 0, count: side * side)
        for y in 0..<side {
            for x in 0..<side {
                let (sx, sy) = inverse(Double(x) + 0.5 - half, Double(y) + 0.5 - half)
                let fx = sx + half - 0.5, fy = sy + half - 0.5
                let x0 = Int(floor(fx)), y0 = Int(floor(fy))
                let ax = fx - Double(x0), ay = fy - Double(y0)
                let v =
                    (1 - ay) * ((1 - ax) * at(x0, y0) + ax * at(x0 + 1, y0)) + ay * ((1 - ax) * at(x0, y0 + 1) + ax * at(x0 + 1, y0 + 1))
                out[y * side + x] = Float(min(max(v, 0), 1))
            }
        }
        return out
    }

    /// Grey dilation (amount > 0) or erosion (< 0) with a disc of radius |amount|; fractional
    /// radii blend the two nearest whole ones.
    static func thicken(_ image: [Float], side: Int, by amount: Double) -> [Float] {
        let r = abs(amount)
        let lo = Int(floor(r)), hi = Int(ceil(r))
        let f = Float(r - Double(lo))
        let a = morph(image, side: side, radius: lo, dilate: amount > 0)
        guard hi != lo else { return a }
        let b = morph(image, side: side, radius: hi, dilate: amount > 0)
        return zip(a, b).map { $0 * (1 - f) + $1 * f }
    }

    /// Max (dilate) or min (erode) over a disc of `radius` around each pixel; outside the
    /// image counts as background (0).
    static func morph(_ image: [Float], side: Int, radius: Int, dilate: Bool) -> [Float] {
        guard radius > 0 else { return image }
        var out = image
        for y in 0..<side {
            for x in 0..<side {
                var v: Float = dilate ? 0 : 1
                for dy in -radius...radius {
                    for dx in -radius...radius where dx * dx + dy * dy <= radius * radius {
                        let (sx, sy) = (x + dx, y + dy)
                        let s: Float = sx < 0 || sy < 0 || sx >= side || sy >= side ? 0 : image[sy * side + sx]
                        v = dilate ? max(v, s) : min(v, s)
                    }
                }
                out[y * side + x] = v
            }
        }
        return out
    }
}

/// Round tick values for a value axis from 0: steps of 1, 2, 2.5 or 5 times a power of ten,
/// the axis ending on the first tick at or above the maximum (`0, 2, 4, 6, 8` for a
/// maximum of 7.3 with four steps wanted), so gridlines fall on numbers a reader can use.
public struct AxisTicks: Sendable, Equatable {
    /// The distance between ticks.
    public let step: Double
    /// Decimals the labels need (0 for whole steps, 1 for 0.5 or 2.5, …), at most 4.
    public let decimals: Int
    /// Number of steps from 0 to the top tick.
    public let count: Int

    /// Ticks from 0 covering `maximum` in about `steps` steps (a flat or non-finite maximum
    /// gives one step of 1).
    public init(maximum: Double, steps: Int = 4) {
        guard maximum.isFinite, maximum > 0, steps > 0 else {
            step = 1; decimals = 0; count = 1
            return
        }
        let raw = maximum / Double(steps)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let normalised = raw / magnitude
        let nice: Double = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 2.5 ? 2.5 : normalised <= 5 ? 5 : 10
        step = nice * magnitude
        var places = 0
        var unit = 1.0
        while unit > step * (1 + 1e-9), places < 4 {
            unit /= 10
            places += 1
        }
        decimals = min(4, places + (nice == 2.5 && step < 10 ? 1 : 0))
        count = max(1, Int((maximum / step - 1e-9).rounded(.up)))
    }

    /// The top tick (at or above the maximum).
    public var top: Double { step * Double(count) }

    /// Every tick value from 0 to `top`.
    public var values: [Double] { (0...count).map { step * Double($0) } }

    /// `v` written with the ticks' decimals (`2.5`, `10`, `0.25`).
    public func label(_ v: Double) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let units = Int((abs(v) * scale).rounded())
        let whole = units / Int(scale)
        var text = "\(whole)"
        if decimals > 0 {
            let frac = String(units % Int(scale))
            text += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return (v < 0 && units != 0 ? "−" : "") + text
    }
}

/// Checked arithmetic for sizes, counts and offsets read from files. Every such number goes
/// through here (and through a ``Limit``) before anything is allocated or indexed with it, so
/// a hostile file gets an error, never an overflow trap.
public enum Checked {
    /// `a × b × …`, or nil when a factor is negative or the product overflows `Int`.
    public static func product(_ factors: Int...) -> Int? { product(factors) }

    /// The product of `factors`, or nil when a factor is negative or it overflows `Int`.
    public static func product(_ factors: some Sequence<Int>) -> Int? {
        var result = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (value, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = value
        }
        return result
    }

    /// `a + b + …`, or nil when a term is negative or the sum overflows `Int`.
    public static func sum(_ terms: Int...) -> Int? {
        var result = 0
        for term in terms {
            guard term >= 0 else { return nil }
            let (value, overflow) = result.addingReportingOverflow(term)
            if overflow { return nil }
            result = value
        }
        return result
    }

    /// `value` as an `Int` when it fits, else nil (for `UInt32`/`UInt64` fields of a header).
    public static func int(_ value: some BinaryInteger) -> Int? { Int(exactly: value) }
}

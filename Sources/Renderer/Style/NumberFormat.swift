/// How every picture and text line writes numbers: one rule for percentages, two decimals
/// for values, no locale and no Foundation formatting.
public enum NumberFormat {
    /// A probability 0…1 as a percentage with two decimals: `97.31 %`. At or above
    /// 99.995 % (exactly 1 included) it prints `>99.99 %`, below 0.005 % `<0.01 %`, so a
    /// rounded `100.00 %` or `0.00 %` never claims certainty the network does not have.
    public static func percent(_ p: Double) -> String {
        let v = p * 100
        guard v == v else { return "– %" }
        if v >= 99.995 { return ">99.99 %" }
        if v < 0.005 { return "<0.01 %" }
        return decimal(v) + " %"
    }

    /// `v` with exactly two decimals, rounded half away from zero (`-0.00` prints `0.00`).
    public static func decimal(_ v: Double) -> String {
        guard v.isFinite else { return v != v ? "nan" : (v < 0 ? "-inf" : "inf") }
        let cents = (abs(v) * 100).rounded()
        guard cents < 9e15 else { return v < 0 ? "-" + String(abs(v)) : String(v) }
        let whole = Int(cents)
        let frac = whole % 100
        let text = "\(whole / 100)." + (frac < 10 ? "0" : "") + "\(frac)"
        return v < 0 && whole != 0 ? "-" + text : text
    }

    /// `v` with an explicit sign and two decimals: `+0.42`, `−1.30` (a true minus sign);
    /// zero prints `+0.00`.
    public static func signed(_ v: Double) -> String {
        let s = decimal(abs(v))
        return (v < 0 && s != "0.00" ? "−" : "+") + s
    }
}

/// JSON text written by hand where key order must stay fixed (prediction lines, safetensors
/// headers): one string-escaping rule for every writer.
public enum JSONText {
    /// `s` as a JSON string literal, quotes included: `"`, `\` and control characters escaped
    /// (`\n`, `\r`, `\t` by name, the others as `\u00XX`), everything else as is.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

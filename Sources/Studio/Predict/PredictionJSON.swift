import Foundation

/// Small JSON writers that keep key order fixed.
enum PredictionJSON {
    static func number(_ v: Float) -> String {
        guard v.isFinite else { return "0" }
        return String(format: "%.6g", Double(v))
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `{"file":…,"error":…}` for an input that failed.
    static func errorLine(file: String, message: String) -> String {
        "{\"file\":\(string(file)),\"error\":\(string(message))}"
    }
}

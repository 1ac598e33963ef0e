import Foundation
import Support

/// Small JSON writers that keep key order fixed.
enum PredictionJSON {
    static func number(_ v: Float) -> String {
        guard v.isFinite else { return "0" }
        return String(format: "%.6g", Double(v))
    }

    static func string(_ s: String) -> String { JSONText.quoted(s) }

    /// `{"file":…,"error":…}` for an input that failed.
    static func errorLine(file: String, message: String) -> String {
        "{\"file\":\(string(file)),\"error\":\(string(message))}"
    }
}

/// A parsed JSON value, each keeping the 1-based line it started on (for messages).
///
/// A small strict parser of RFC 8259 text for strokes files: no `NaN` or `Infinity`
/// (JSON has neither; the message says so), numbers that overflow a Double are refused,
/// nesting is bounded by ``StrokesLimits/nesting`` so hostile files cannot exhaust the
/// stack, and duplicate keys are errors.
indirect enum JSONValue: Sendable, Equatable {
    case number(Double, line: Int)
    case string(String, line: Int)
    case bool(Bool, line: Int)
    case null(line: Int)
    case array([JSONValue], line: Int)
    case object([(key: String, value: JSONValue)], line: Int)

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.number(x, l), .number(y, m)): return x == y && l == m
        case let (.string(x, l), .string(y, m)): return x == y && l == m
        case let (.bool(x, l), .bool(y, m)): return x == y && l == m
        case let (.null(l), .null(m)): return l == m
        case let (.array(x, l), .array(y, m)): return x == y && l == m
        case let (.object(x, l), .object(y, m)):
            return l == m && x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The line the value starts on.
    var line: Int {
        switch self {
        case let .number(_, l), let .string(_, l), let .bool(_, l), let .null(l), let .array(_, l), let .object(_, l): return l
        }
    }

    /// A word for the kind of value, for messages.
    var kind: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "true/false"
        case .null: return "null"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// Why JSON text did not parse: the line and what was wrong.
struct JSONSyntaxError: Error, Sendable, Equatable {
    var line: Int
    var reason: String
}

/// Parses JSON bytes into a ``JSONValue`` (see there for what it refuses).
struct JSONReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private let maxDepth: Int

    init(_ bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// The one value the text holds (whitespace around it allowed).
    static func parse(_ bytes: [UInt8], maxDepth: Int) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes, maxDepth: maxDepth)
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == reader.bytes.count else { throw reader.fail("unexpected text after the JSON value") }
        return value
    }

    private func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(line: line, reason: reason) }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: line += 1; index += 1
            case 0x20, 0x09, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw fail("the JSON ends early") }
        let start = line
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string(), line: start)
        case UInt8(ascii: "t"): try word("true"); return .bool(true, line: start)
        case UInt8(ascii: "f"): try word("false"); return .bool(false, line: start)
        case UInt8(ascii: "n"): try word("null"); return .null(line: start)
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw fail("NaN and Infinity are not numbers in JSON; every coordinate must be a finite number")
        default: return .number(try number(), line: start)
        }
    }

    private mutating func word(_ w: String) throws(JSONSyntaxError) {
        let utf8 = Array(w.utf8)
        guard bytes.count - index >= utf8.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else {
            throw fail("not valid JSON (expected \(w))")
        }
        index += utf8.count
    }

    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "N") || bytes[index] == UInt8(ascii: "I") {
            throw fail("NaN and Infinity are not numbers in JSON; every coordinate must be a finite number")
        }
        var digits = 0
        while index < bytes.count {
            let b = bytes[index]
            let isNumberByte =
                (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
            guard isNumberByte else { break }
            digits += 1
            index += 1
            guard digits <= 64 else { throw fail("a number longer than 64 characters") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard digits > 0, let value = Double(text) else {
            if index < bytes.count, digits == 0 {
                throw fail("not valid JSON (unexpected '\(String(decoding: [bytes[index]], as: UTF8.self))')")
            }
            throw fail("not valid JSON (bad number '\(text)')")
        }
        guard value.isFinite else { throw fail("the number \(text) is too large") }
        return value
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            index += 1
            switch b {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw fail("the JSON ends inside a string") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard bytes.count - index >= 4,
                        let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
                    else { throw fail("bad \\u escape in a string") }
                    index += 4
                    out += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                default: throw fail("bad escape in a string")
                }
            case 0x0A: throw fail("a string runs past the end of its line")
            default: out.append(b)
            }
        }
        throw fail("the JSON ends inside a string")
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxDepth else { throw fail("lists and objects nested more than \(maxDepth) deep") }
        let start = line
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items, line: start)
        }
        while true {
            items.append(try value(depth: depth))
            skipSpace()
            guard index < bytes.count else { throw fail("the JSON ends inside a list") }
            let b = bytes[index]
            index += 1
            if b == UInt8(ascii: "]") { return .array(items, line: start) }
            guard b == UInt8(ascii: ",") else { throw fail("not valid JSON (expected ',' or ']' in a list)") }
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxDepth else { throw fail("lists and objects nested more than \(maxDepth) deep") }
        let start = line
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members, line: start)
        }
        while true {
            skipSpace()
            guard index < bytes.count else { throw fail("the JSON ends inside an object") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail("not valid JSON (expected a key in quotes)") }
            let key = try string()
            guard !members.contains(where: { $0.key == key }) else { throw fail("the key \"\(key)\" appears twice") }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("not valid JSON (expected ':' after a key)") }
            index += 1
            members.append((key, try value(depth: depth)))
            skipSpace()
            guard index < bytes.count else { throw fail("the JSON ends inside an object") }
            let b = bytes[index]
            index += 1
            if b == UInt8(ascii: "}") { return .object(members, line: start) }
            guard b == UInt8(ascii: ",") else { throw fail("not valid JSON (expected ',' or '}' in an object)") }
        }
    }
}

import Support

/// One tensor's entry in a safetensors header, before its bytes are read.
struct SafeTensorsEntry: Sendable {
    var name: String
    var dtype: String
    var shape: [Int]
    /// `[begin, end)` in bytes, relative to the start of the data section.
    var begin: Int
    var end: Int
}

/// A strict reader for the JSON header of a safetensors file:
/// `{"name": {"dtype": "F32", "shape": [..], "data_offsets": [b, e]}, …, "__metadata__": {"k": "v"}}`.
///
/// Written by hand rather than through `JSONSerialization` so that every number is a whole,
/// non-negative `Int` checked for overflow, the number of tensors is limited
/// (``Limit/safetensorsTensors``) as it is counted, and nothing larger than the header itself
/// is ever allocated.
struct SafeTensorsHeader {
    private let bytes: [UInt8]
    private var index: Int
    private let end: Int
    private let file: String

    /// Parses `bytes[start..<end]`.
    static func parse(_ bytes: [UInt8], start: Int, end: Int, file: String) throws(WeightsError) -> (
        entries: [SafeTensorsEntry], metadata: [String: String]?
    ) {
        var parser = SafeTensorsHeader(bytes: bytes, index: start, end: end, file: file)
        return try parser.document()
    }

    private func corrupt(_ reason: String) -> WeightsError {
        .corrupt(file: file, reason: "header \(reason) at byte \(index)")
    }

    private mutating func document() throws(WeightsError) -> (entries: [SafeTensorsEntry], metadata: [String: String]?) {
        var entries: [SafeTensorsEntry] = []
        var metadata: [String: String]?
        var names = Set<String>()
        try expect(UInt8(ascii: "{"))
        if try peek() != UInt8(ascii: "}") {
            repeat {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                guard names.insert(key).inserted else { throw corrupt("names '\(key)' twice") }
                if key == "__metadata__" {
                    metadata = try stringMap()
                } else {
                    do { _ = try Limit.safetensorsTensors.check(entries.count + 1, file: file) } catch {
                        throw .limit(error)
                    }
                    entries.append(try entry(named: key))
                }
            } while try comma(closing: UInt8(ascii: "}"))
        } else {
            index += 1
        }
        skipSpace()
        guard index == end else { throw corrupt("has text after the closing brace") }
        return (entries, metadata)
    }

    /// `{"dtype": …, "shape": […], "data_offsets": [b, e]}`; other keys are skipped.
    private mutating func entry(named name: String) throws(WeightsError) -> SafeTensorsEntry {
        var dtype: String?, shape: [Int]?, offsets: [Int]?
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            repeat {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                switch key {
                case "dtype": dtype = try string()
                case "shape": shape = try integers(max: 64)
                case "data_offsets": offsets = try integers(max: 2)
                default: try skipValue(depth: 0)
                }
            } while try comma(closing: UInt8(ascii: "}"))
        }
        guard let dtype, let shape, let offsets, offsets.count == 2 else {
            throw .corrupt(file: file, reason: "tensor '\(name)' lacks dtype, shape or data_offsets")
        }
        return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// `{"k": "v", …}`.
    private mutating func stringMap() throws(WeightsError) -> [String: String] {
        var map: [String: String] = [:]
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") { index += 1; return map }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            guard try peek() == UInt8(ascii: "\"") else { throw corrupt("__metadata__ must map strings to strings") }
            map[key] = try string()
        } while try comma(closing: UInt8(ascii: "}"))
        return map
    }

    /// `[n, …]` of whole non-negative numbers, at most `max` of them.
    private mutating func integers(max: Int) throws(WeightsError) -> [Int] {
        var values: [Int] = []
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") { index += 1; return values }
        repeat {
            guard values.count < max else { throw corrupt("has a list longer than \(max)") }
            values.append(try integer())
        } while try comma(closing: UInt8(ascii: "]"))
        return values
    }

    /// A whole non-negative number that fits in `Int`.
    private mutating func integer() throws(WeightsError) -> Int {
        skipSpace()
        var value = 0
        let start = index
        while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let digit = Int(bytes[index] - UInt8(ascii: "0"))
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw corrupt("has a number too large to use") }
            value = next
            index += 1
        }
        guard index > start else { throw corrupt("expects a whole non-negative number") }
        if index < end, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            throw corrupt("expects a whole number, not a fraction")
        }
        return value
    }

    /// A JSON string with its escapes resolved.
    private mutating func string() throws(WeightsError) -> String {
        try expect(UInt8(ascii: "\""))
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
        while true {
            guard index < end else { throw corrupt("ends inside a string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                guard index < end else { throw corrupt("ends inside a string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{c}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), index + 1 < end,
                        bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw corrupt("has a broken surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw corrupt("has an invalid \\u escape") }
                    scalars.append(scalar)
                default: throw corrupt("has an invalid escape")
                }
            case 0..<0x20: throw corrupt("has a control character inside a string")
            default: raw.append(byte)
            }
        }
    }

    private mutating func hex4() throws(WeightsError) -> UInt32 {
        guard index + 4 <= end else { throw corrupt("ends inside a \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else { throw corrupt("has an invalid \\u escape") }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }

    /// Skips any JSON value (for keys this reader does not use), nested at most 32 deep.
    private mutating func skipValue(depth: Int) throws(WeightsError) {
        guard depth < 32 else { throw corrupt("nests too deeply") }
        switch try peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"):
            index += 1
            if try peek() == UInt8(ascii: "}") { index += 1; return }
            repeat {
                _ = try string()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
            } while try comma(closing: UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            index += 1
            if try peek() == UInt8(ascii: "]") { index += 1; return }
            repeat { try skipValue(depth: depth + 1) } while try comma(closing: UInt8(ascii: "]"))
        default:
            // A number, true, false or null: a run of the characters they are made of.
            let start = index
            while index < end, Array("0123456789+-.eEtruefalsn".utf8).contains(bytes[index]) { index += 1 }
            guard index > start else { throw corrupt("has an unexpected character") }
        }
    }

    private mutating func skipSpace() {
        while index < end, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func peek() throws(WeightsError) -> UInt8 {
        skipSpace()
        guard index < end else { throw corrupt("ends early") }
        return bytes[index]
    }

    private mutating func expect(_ byte: UInt8) throws(WeightsError) {
        guard try peek() == byte else { throw corrupt("expects '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    /// After an item: true on `,` (another follows), false on `closing`.
    private mutating func comma(closing: UInt8) throws(WeightsError) -> Bool {
        let byte = try peek()
        index += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closing { return false }
        index -= 1
        throw corrupt("expects ',' or '\(Character(Unicode.Scalar(closing)))'")
    }
}

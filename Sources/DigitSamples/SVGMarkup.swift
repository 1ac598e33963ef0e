/// One start tag of an SVG file: element name (namespace prefix dropped), attributes, the
/// 1-based line it starts on, and whether it closed itself (`<path … />`).
struct SVGTag: Sendable, Equatable {
    var name: String
    var attributes: [String: String]
    var line: Int
    var selfClosing: Bool
}

/// What the markup scanner meets, in file order.
enum SVGEvent: Sendable, Equatable {
    case start(SVGTag)
    case end(name: String, line: Int)
}

/// A small XML scanner for SVG files: start and end tags with their attributes (entity and
/// character references decoded), skipping text, comments, processing instructions, CDATA
/// and the DOCTYPE. Entities are never expanded beyond the five predefined ones and
/// numeric references, so no file can make it grow. Errors give the line.
struct SVGMarkup {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Every tag of `bytes` in order.
    static func events(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [SVGEvent] {
        var scanner = SVGMarkup(bytes)
        var events: [SVGEvent] = []
        while let event = try scanner.next() { events.append(event) }
        return events
    }

    private func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(line: line, reason: reason) }

    private mutating func advance() {
        if bytes[index] == 0x0A { line += 1 }
        index += 1
    }

    private func starts(with text: String) -> Bool {
        let utf8 = Array(text.utf8)
        return bytes.count - index >= utf8.count && Array(bytes[index..<(index + utf8.count)]) == utf8
    }

    /// Skips to just past `terminator`; fails with `what` when the file ends first.
    private mutating func skip(past terminator: String, what: String) throws(JSONSyntaxError) {
        let startLine = line
        while index < bytes.count {
            if starts(with: terminator) {
                for _ in 0..<terminator.utf8.count { advance() }
                return
            }
            advance()
        }
        throw JSONSyntaxError(line: startLine, reason: "\(what) is never closed")
    }

    private mutating func next() throws(JSONSyntaxError) -> SVGEvent? {
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                advance()
                continue
            }
            if starts(with: "<!--") {
                try skip(past: "-->", what: "a comment")
            } else if starts(with: "<![CDATA[") {
                try skip(past: "]]>", what: "a CDATA section")
            } else if starts(with: "<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if starts(with: "<!") {
                try skipDeclaration()
            } else if starts(with: "</") {
                let startLine = line
                index += 2
                let name = try readName()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("expected '>' to end </\(name)") }
                index += 1
                return .end(name: localName(name), line: startLine)
            } else {
                return .start(try startTag())
            }
        }
        return nil
    }

    /// `<!DOCTYPE …>` with an optional internal subset in brackets.
    private mutating func skipDeclaration() throws(JSONSyntaxError) {
        let startLine = line
        var depth = 0
        while index < bytes.count {
            let b = bytes[index]
            advance()
            if b == UInt8(ascii: "[") { depth += 1 }
            if b == UInt8(ascii: "]") { depth -= 1 }
            if b == UInt8(ascii: ">") && depth <= 0 { return }
        }
        throw JSONSyntaxError(line: startLine, reason: "a <!…> declaration is never closed")
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { advance() }
    }

    private func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: ".") || b >= 0x80
    }

    private mutating func readName() throws(JSONSyntaxError) -> String {
        let start = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        guard index > start else { throw fail("expected a name after '<'") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private mutating func startTag() throws(JSONSyntaxError) -> SVGTag {
        let startLine = line
        index += 1
        let name = try readName()
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard index < bytes.count else { throw JSONSyntaxError(line: startLine, reason: "the tag <\(name)> is never closed") }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                return SVGTag(name: localName(name), attributes: attributes, line: startLine, selfClosing: false)
            }
            if starts(with: "/>") {
                index += 2
                return SVGTag(name: localName(name), attributes: attributes, line: startLine, selfClosing: true)
            }
            let key = try readName()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("expected '=' after the attribute \(key)") }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("expected a quoted value for the attribute \(key)")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote { advance() }
            guard index < bytes.count else { throw JSONSyntaxError(line: startLine, reason: "the value of \(key) is never closed") }
            let raw = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            guard attributes[localName(key)] == nil || key.contains(":") else { throw fail("the attribute \(key) appears twice") }
            attributes[key.hasPrefix("xlink:") || key.hasPrefix("xml:") ? key : localName(key)] = Self.decodeReferences(raw)
        }
    }

    /// `&amp; &lt; &gt; &quot; &apos;` and `&#N;` / `&#xN;` decoded; anything else kept as written.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += rest[amp...]
                return out
            }
            let name = rest[rest.index(after: amp)..<semi]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let scalar: UInt32? =
                    name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : (name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil)
                if let scalar, let u = Unicode.Scalar(scalar) { out.unicodeScalars.append(u) } else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

import CZlib
import Foundation

/// The font sizes of every text a PDF shows, in points on the page, read from the file itself:
/// each page content stream (and form XObject) is inflated and its text operators replayed
/// (`q`/`Q`/`cm` for the transformation, `BT`/`Tm`/`Tf` for the text state; each `Tj`, `TJ`,
/// `'` or `"` records the size `Tf × scale(Tm × CTM)`). Enough of PDF for Cairo's output.
enum PDFTextSizes {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One size per text-showing operator, in points.
    static func read(file: String) throws -> [Double] {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        var sizes: [Double] = []
        for stream in try contentStreams(data) { sizes += replay(stream) }
        return sizes
    }

    /// The inflated bodies of the streams that hold drawing operators: those a page names as
    /// `/Contents`, and form XObjects.
    static func contentStreams(_ pdf: [UInt8]) throws -> [[UInt8]] {
        let text = String(decoding: pdf, as: Unicode.Scalar.self)
        var wanted = Set<Int>()
        for match in text.matches(of: /\/Contents\s+(\d+)\s+0\s+R/) { wanted.insert(Int(match.1)!) }
        var streams: [[UInt8]] = []
        for match in text.matches(of: /(?:^|[\r\n])(\d+)\s+0\s+obj\s*<<(.*?)>>\s*stream\r?\n/.dotMatchesNewlines()) {
            let number = Int(match.1)!
            let dictionary = String(match.2)
            guard wanted.contains(number) || dictionary.contains("/Subtype /Form") else { continue }
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: match.range.upperBound)
            guard let length = Int(dictionary.firstMatch(of: /\/Length\s+(\d+)(?!\s+0\s+R)/)?.1 ?? "") ?? indirectLength(dictionary, text)
            else { throw Failure(description: "stream \(number): no /Length") }
            let body = Array(pdf[start..<(start + length)])
            streams.append(dictionary.contains("/FlateDecode") ? try inflate(body) : body)
        }
        guard !streams.isEmpty else { throw Failure(description: "no page content stream found") }
        return streams
    }

    /// `/Length N 0 R`: the number object N holds.
    static func indirectLength(_ dictionary: String, _ text: String) -> Int? {
        guard let ref = dictionary.firstMatch(of: /\/Length\s+(\d+)\s+0\s+R/)?.1 else { return nil }
        let object = try? Regex("(?:^|[\\r\\n])\(ref)\\s+0\\s+obj\\s*(\\d+)")
        guard let object, let m = text.firstMatch(of: object), let n = m.output[1].substring else { return nil }
        return Int(n)
    }

    /// zlib-inflates `input`.
    static func inflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "inflateInit failed")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var source = input
        let status: Int32 = source.withUnsafeMutableBufferPointer { src in
            stream.next_in = src.baseAddress
            stream.avail_in = UInt32(src.count)
            var status = Z_OK
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { dst in
                    stream.next_out = dst.baseAddress
                    stream.avail_out = UInt32(dst.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output += chunk[0..<(chunk.count - Int(stream.avail_out))]
            }
            return status
        }
        guard status == Z_STREAM_END else { throw Failure(description: "inflate failed (\(status))") }
        return output
    }

    /// An affine matrix `[a b c d e f]` as PDF writes it (row vector × matrix).
    struct Matrix {
        var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0
        init() {}
        init(_ n: [Double]) { (a, b, c, d, e, f) = (n[0], n[1], n[2], n[3], n[4], n[5]) }
        /// `self` then `other`.
        func then(_ o: Matrix) -> Matrix {
            var r = Matrix()
            r.a = a * o.a + b * o.c; r.b = a * o.b + b * o.d
            r.c = c * o.a + d * o.c; r.d = c * o.b + d * o.d
            r.e = e * o.a + f * o.c + o.e; r.f = e * o.b + f * o.d + o.f
            return r
        }
        var scale: Double { abs(a * d - b * c).squareRoot() }
    }

    /// Replays one content stream's operators; returns the size of each text shown.
    static func replay(_ bytes: [UInt8]) -> [Double] {
        var sizes: [Double] = []
        var ctm = Matrix(), saved: [Matrix] = [], tm = Matrix(), fontSize = 0.0
        var numbers: [Double] = []
        var i = 0
        func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 10 || c == 13 || c == 9 || c == 12 || c == 0 }
        func isDelimiter(_ c: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(c) }
        while i < bytes.count {
            let c = bytes[i]
            if isSpace(c) { i += 1; continue }
            switch c {
            case UInt8(ascii: "%"):
                while i < bytes.count, bytes[i] != 10, bytes[i] != 13 { i += 1 }
            case UInt8(ascii: "("):
                var depth = 0
                repeat {
                    if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if bytes[i] == UInt8(ascii: "(") { depth += 1 }
                    if bytes[i] == UInt8(ascii: ")") { depth -= 1 }
                    i += 1
                } while i < bytes.count && depth > 0
            case UInt8(ascii: "<"):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<") { i += 2; continue }
                while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
                i += 1
            case UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                i += 1
            case UInt8(ascii: "/"):
                i += 1
                while i < bytes.count, !isSpace(bytes[i]), !isDelimiter(bytes[i]) { i += 1 }
            default:
                let start = i
                while i < bytes.count, !isSpace(bytes[i]), !isDelimiter(bytes[i]) { i += 1 }
                if i == start { i += 1; continue }
                let token = String(decoding: bytes[start..<i], as: UTF8.self)
                if let n = Double(token) {
                    numbers.append(n)
                    continue
                }
                switch token {
                case "q": saved.append(ctm)
                case "Q": ctm = saved.popLast() ?? Matrix()
                case "cm" where numbers.count >= 6: ctm = Matrix(Array(numbers.suffix(6))).then(ctm)
                case "BT": tm = Matrix()
                case "Tm" where numbers.count >= 6: tm = Matrix(Array(numbers.suffix(6)))
                case "Tf": fontSize = numbers.last ?? fontSize
                case "Tj", "TJ", "'", "\"": sizes.append(abs(fontSize) * tm.then(ctm).scale)
                case "ID":
                    // inline image data up to "EI"
                    while i + 2 < bytes.count, !(isSpace(bytes[i]) && bytes[i + 1] == UInt8(ascii: "E") && bytes[i + 2] == UInt8(ascii: "I")) {
                        i += 1
                    }
                    i += 3
                default: break
                }
                numbers.removeAll()
            }
        }
        return sizes
    }
}

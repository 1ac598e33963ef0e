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
    /// `/Contents`, and form XObjects. Objects are found as `N 0 obj << … >> stream`, bodies
    /// end at `endstream`.
    static func contentStreams(_ pdf: [UInt8]) throws -> [[UInt8]] {
        var wanted = Set<Int>()
        var at = 0
        while let hit = find("/Contents ", in: pdf, from: at) {
            let digits = pdf[(hit + 10)...].prefix { (48...57).contains($0) }
            if let n = Int(String(decoding: digits, as: UTF8.self)) { wanted.insert(n) }
            at = hit + 10
        }
        var streams: [[UInt8]] = []
        at = 0
        while let hit = find(" 0 obj", in: pdf, from: at) {
            at = hit + 6
            // the object number: the digits just before, at the start of a line
            var first = hit
            while first > 0, (48...57).contains(pdf[first - 1]) { first -= 1 }
            guard first < hit, first == 0 || pdf[first - 1] == 10 || pdf[first - 1] == 13,
                let number = Int(String(decoding: pdf[first..<hit], as: UTF8.self))
            else { continue }
            let end = find("endobj", in: pdf, from: at) ?? pdf.count
            guard let keyword = find(">>\nstream", in: pdf, from: at), keyword < end else { continue }
            let dictionary = String(decoding: pdf[at..<keyword], as: UTF8.self)
            guard wanted.contains(number) || dictionary.contains("/Subtype /Form") else { continue }
            var body = keyword + 9
            if pdf[body] == 13 { body += 1 }
            if pdf[body] == 10 { body += 1 }
            guard let stop = find("endstream", in: pdf, from: body) else {
                throw Failure(description: "object \(number): no endstream")
            }
            let bytes = Array(pdf[body..<stop])
            streams.append(dictionary.contains("/FlateDecode") ? try inflate(bytes) : bytes)
        }
        guard !streams.isEmpty else { throw Failure(description: "no page content stream found") }
        return streams
    }

    /// The first offset at or after `from` where `pattern` occurs in `bytes`.
    static func find(_ pattern: String, in bytes: [UInt8], from: Int) -> Int? {
        let p = Array(pattern.utf8)
        guard p.count <= bytes.count, from <= bytes.count - p.count else { return nil }
        var i = from
        while i <= bytes.count - p.count {
            if bytes[i] == p[0], bytes[(i + 1)..<(i + p.count)].elementsEqual(p[1...]) { return i }
            i += 1
        }
        return nil
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
                    while i + 2 < bytes.count,
                        !(isSpace(bytes[i]) && bytes[i + 1] == UInt8(ascii: "E") && bytes[i + 2] == UInt8(ascii: "I"))
                    {
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

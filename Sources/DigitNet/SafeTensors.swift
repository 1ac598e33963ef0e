import Foundation

/// Problems reading or writing a weights file; every case names the file.
public enum WeightsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case corrupt(file: String, reason: String)
    case unsupportedDType(file: String, name: String, dtype: String)
    case missingTensor(file: String, name: String)
    case shapeMismatch(file: String, name: String, expected: [Int], found: [Int])
    case wrongFormat(file: String, found: String)
    case writeFailed(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(f, r): return "\(f): cannot read weights (\(r))"
        case let .corrupt(f, r): return "\(f): corrupt safetensors file (\(r))"
        case let .unsupportedDType(f, n, d): return "\(f): tensor '\(n)' has dtype \(d); only F32 is supported"
        case let .missingTensor(f, n): return "\(f): tensor '\(n)' is missing"
        case let .shapeMismatch(f, n, e, x): return "\(f): tensor '\(n)' has shape \(x), expected \(e)"
        case let .wrongFormat(f, x): return "\(f): not a cnnviz weights file (format '\(x)', expected '\(SafeTensors.formatName)' version \(SafeTensors.formatVersion))"
        case let .writeFailed(f, r): return "\(f): cannot write weights (\(r))"
        }
    }
}

/// Reading and writing the safetensors format: an 8-byte little-endian header length, a
/// JSON header `{name: {dtype, shape, data_offsets:[begin,end]}, "__metadata__": {…}}`, then
/// the raw little-endian tensor bytes. Only F32 tensors are used here.
public enum SafeTensors {
    /// `__metadata__.format` written by cnnviz and checked on load.
    public static let formatName = "cnnviz-lenet"
    /// `__metadata__.version`; bump when the architecture or layout changes.
    public static let formatVersion = "1"
    /// Largest header accepted (guards against a corrupt length field).
    static let maxHeaderBytes = 16 << 20

    /// Parses safetensors bytes into named tensors plus the metadata strings.
    public static func decode(_ bytes: [UInt8], source: String) throws(WeightsError) -> (tensors: [String: Tensor], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw .corrupt(file: source, reason: "file is \(bytes.count) bytes, shorter than the 8-byte header length") }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(maxHeaderBytes), Int(headerLength) <= bytes.count - 8 else {
            throw .corrupt(file: source, reason: "header length \(headerLength) exceeds the file size \(bytes.count)")
        }
        let headerEnd = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
        } catch {
            throw .corrupt(file: source, reason: "header is not valid JSON")
        }
        guard let header = json as? [String: Any] else { throw .corrupt(file: source, reason: "header is not a JSON object") }
        let dataCount = bytes.count - headerEnd
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else { throw .corrupt(file: source, reason: "__metadata__ must map strings to strings") }
                metadata = m
                continue
            }
            guard let entry = value as? [String: Any],
                  let dtype = entry["dtype"] as? String,
                  let shapeAny = entry["shape"] as? [Any],
                  let offsetsAny = entry["data_offsets"] as? [Any], offsetsAny.count == 2
            else { throw .corrupt(file: source, reason: "entry '\(name)' lacks dtype, shape or data_offsets") }
            guard dtype == "F32" else { throw .unsupportedDType(file: source, name: name, dtype: dtype) }
            let shape = try shapeAny.map { (v: Any) throws(WeightsError) -> Int in
                guard let n = (v as? NSNumber)?.intValue, n >= 0, n < 1 << 31 else {
                    throw .corrupt(file: source, reason: "tensor '\(name)' has an invalid shape")
                }
                return n
            }
            guard let begin = (offsetsAny[0] as? NSNumber)?.intValue, let end = (offsetsAny[1] as? NSNumber)?.intValue,
                  begin >= 0, end >= begin, end <= dataCount
            else { throw .corrupt(file: source, reason: "tensor '\(name)' has data offsets outside the file") }
            let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            guard count != Int.max, end - begin == count * 4 else {
                throw .corrupt(file: source, reason: "tensor '\(name)' holds \(end - begin) bytes, shape \(shape) needs \(count * 4)")
            }
            var values = [Float](repeating: 0, count: count)
            values.withUnsafeMutableBytes { dst in
                bytes.withUnsafeBytes { src in
                    dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[(headerEnd + begin)..<(headerEnd + end)]))
                }
            }
            #if _endian(big)
            values = values.map { Float(bitPattern: $0.bitPattern.byteSwapped) }
            #endif
            tensors[name] = Tensor(shape: shape, data: values)
        }
        return (tensors, metadata)
    }

    /// Serialises tensors (in the given order) and metadata to safetensors bytes. The header is
    /// padded with spaces to a multiple of 8 bytes, as other implementations do.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let m = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            entries.append("\"__metadata__\":{\(m.joined(separator: ","))}")
        }
        var offset = 0
        for (name, t) in tensors {
            let bytes = t.count * 4
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + header.count + offset)
        let n = UInt64(header.count)
        for i in 0..<8 { out.append(UInt8((n >> (8 * UInt64(i))) & 0xff)) }
        out += header
        for (_, t) in tensors {
            for v in t.data {
                let b = v.bitPattern.littleEndian
                out.append(UInt8(b & 0xff)); out.append(UInt8((b >> 8) & 0xff))
                out.append(UInt8((b >> 16) & 0xff)); out.append(UInt8((b >> 24) & 0xff))
            }
        }
        return out
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }
}

extension SafeTensors {
    /// Reads the tensors of a cnnviz weights file, checking format metadata.
    static func readWeights(contentsOf url: URL) throws(WeightsError) -> [String: Tensor] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        return try readWeights(bytes: [UInt8](data), source: url.path)
    }

    /// Reads the tensors of cnnviz weights bytes, checking format metadata; `source` names
    /// them in errors.
    static func readWeights(bytes: [UInt8], source: String) throws(WeightsError) -> [String: Tensor] {
        let (tensors, metadata) = try SafeTensors.decode(bytes, source: source)
        let format = metadata["format"] ?? "none"
        guard format == SafeTensors.formatName, metadata["version"] == SafeTensors.formatVersion else {
            throw .wrongFormat(file: source, found: "\(format) v\(metadata["version"] ?? "?")")
        }
        return tensors
    }
}

extension Network {
    /// The weights as safetensors bytes, with format metadata plus `extra` strings
    /// (e.g. how they were trained).
    public func safetensorsBytes(extra: [String: String] = [:]) -> [UInt8] {
        var metadata = extra
        metadata["format"] = SafeTensors.formatName
        metadata["version"] = SafeTensors.formatVersion
        metadata["mean"] = String(normalization.mean)
        metadata["std"] = String(normalization.std)
        return SafeTensors.encode(namedParameters.map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) }, metadata: metadata)
    }

    /// Writes the weights to `url` atomically (temporary file, then rename).
    public func write(to url: URL, extra: [String: String] = [:]) throws(WeightsError) {
        do {
            try Data(safetensorsBytes(extra: extra)).write(to: url, options: .atomic)
        } catch {
            throw .writeFailed(file: url.path, reason: (error as NSError).localizedDescription)
        }
    }

}

import Foundation
import Support

/// Problems reading or writing a weights file; every case names the file.
public enum WeightsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case corrupt(file: String, reason: String)
    case unsupportedDType(file: String, name: String, dtype: String)
    case missingTensor(file: String, name: String)
    case shapeMismatch(file: String, name: String, expected: [Int], found: [Int])
    case wrongFormat(file: String, found: String)
    case writeFailed(file: String, reason: String)
    /// A size, count or offset in the file broke a limit or overflowed.
    case limit(LimitError)
    /// A weight is NaN or infinite (or, from F64, too large for F32).
    case nonFinite(file: String, name: String, index: Int)
    /// A tensor's bytes overlap another's, leave a gap, or run past the data.
    case badOffsets(file: String, name: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(f, r): return "\(f): cannot read weights (\(r))"
        case let .corrupt(f, r): return "\(f): corrupt safetensors file (\(r))"
        case let .unsupportedDType(f, n, d): return "\(f): tensor '\(n)' has dtype \(d); only F32, F16, BF16 and F64 are read"
        case let .missingTensor(f, n): return "\(f): tensor '\(n)' is missing"
        case let .shapeMismatch(f, n, e, x): return "\(f): tensor '\(n)' has shape \(x), expected \(e)"
        case let .wrongFormat(f, x):
            return
                "\(f): not a cnnviz weights file (format '\(x)', expected '\(SafeTensors.formatName)' version \(SafeTensors.formatVersion))"
        case let .writeFailed(f, r): return "\(f): cannot write weights (\(r))"
        case let .limit(error): return error.description
        case let .nonFinite(f, n, i): return "\(f): tensor '\(n)' holds a value that is not a finite F32 number (element \(i))"
        case let .badOffsets(f, n, r): return "\(f): tensor '\(n)' \(r)"
        }
    }
}

/// Reading and writing the safetensors format: an 8-byte little-endian header length, a
/// JSON header `{name: {dtype, shape, data_offsets:[begin,end]}, "__metadata__": {…}}`, then
/// the raw little-endian tensor bytes. F32 is written; F32, F16, BF16 and F64 are read (as
/// F32). Files from other tools (e.g. PyTorch's `safetensors.torch.save_file`) need no
/// `__metadata__`.
public enum SafeTensors {
    /// `__metadata__.format` written by cnnviz and checked on load (the same for every
    /// architecture; `__metadata__.model` names the model).
    public static let formatName = "cnnviz"
    /// Formats of older cnnviz files, still read (the same layout, written when cnnviz had
    /// one architecture).
    public static let legacyFormatNames: Set<String> = ["cnnviz-lenet"]
    /// `__metadata__.version`; bump when the architecture or layout changes.
    public static let formatVersion = "1"

    /// Parses safetensors bytes into named tensors plus the metadata strings. Every count and
    /// offset is checked against the file and the limits before anything is allocated;
    /// tensors must tile the data section exactly (no overlap, no gap, nothing past the end)
    /// and every value must be finite. `skipped` lists tensors of non-float dtypes (name →
    /// dtype), size-checked but not read.
    public static func decode(_ bytes: [UInt8], source: String) throws(WeightsError)
        -> (tensors: [String: Tensor], metadata: [String: String], skipped: [String: String])
    {
        guard bytes.count >= 8 else {
            throw .corrupt(file: source, reason: "file is \(bytes.count) bytes, shorter than the 8-byte header length")
        }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        let length: Int
        do { length = try Limit.safetensorsHeaderBytes.check(Checked.int(headerLength), file: source) } catch { throw .limit(error) }
        guard length <= bytes.count - 8 else {
            throw .corrupt(file: source, reason: "header length \(headerLength) exceeds the file size \(bytes.count)")
        }
        let headerEnd = 8 + length
        let (entries, metadata) = try SafeTensorsHeader.parse(bytes, start: 8, end: headerEnd, file: source)
        let dataCount = bytes.count - headerEnd
        try checkLayout(entries, dataCount: dataCount, source: source)
        var tensors: [String: Tensor] = [:]
        var skipped: [String: String] = [:]
        for entry in entries {
            guard let dtype = DType(rawValue: entry.dtype) else {
                skipped[entry.name] = entry.dtype
                continue
            }
            let values = dtype.floats(bytes, from: headerEnd + entry.begin, to: headerEnd + entry.end)
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFinite(file: source, name: entry.name, index: bad)
            }
            tensors[entry.name] = Tensor(shape: entry.shape, data: values)
        }
        return (tensors, metadata ?? [:], skipped)
    }

    /// Checks each entry's size against its shape and dtype (checked arithmetic, element
    /// limit) and that the entries tile `0..<dataCount` exactly.
    static func checkLayout(_ entries: [SafeTensorsEntry], dataCount: Int, source: String) throws(WeightsError) {
        for entry in entries {
            guard let size = DType.elementSize(entry.dtype) else {
                throw .unsupportedDType(file: source, name: entry.name, dtype: entry.dtype)
            }
            let count: Int
            do { count = try Limit.tensorElements.check(Checked.product(entry.shape), file: source) } catch {
                throw .limit(error)
            }
            guard entry.end >= entry.begin else {
                throw .badOffsets(file: source, name: entry.name, reason: "ends (\(entry.end)) before it begins (\(entry.begin))")
            }
            guard entry.end <= dataCount else {
                throw .badOffsets(file: source, name: entry.name, reason: "runs to byte \(entry.end), past the \(dataCount) bytes of data")
            }
            guard let needed = Checked.product(count, size), entry.end - entry.begin == needed else {
                throw .corrupt(
                    file: source,
                    reason:
                        "tensor '\(entry.name)' holds \(entry.end - entry.begin) bytes, shape \(entry.shape) of \(entry.dtype) needs \(count * size)"
                )
            }
        }
        var position = 0
        var previous: String?
        for entry in entries.sorted(by: { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }) {
            if entry.begin < position {
                throw .badOffsets(
                    file: source, name: entry.name, reason: "overlaps tensor '\(previous ?? "?")' (bytes \(entry.begin)..<\(position))")
            }
            if entry.begin > position {
                throw .badOffsets(
                    file: source, name: entry.name,
                    reason: "starts at byte \(entry.begin), leaving bytes \(position)..<\(entry.begin) unused")
            }
            position = entry.end
            previous = entry.name
        }
        guard position == dataCount else {
            throw .corrupt(file: source, reason: "\(dataCount - position) bytes after the last tensor belong to none")
        }
    }

    /// The float element types read (as F32).
    enum DType: String {
        case f32 = "F32"
        case f16 = "F16"
        case bf16 = "BF16"
        case f64 = "F64"

        /// Bytes per element of any safetensors dtype, or nil for an unknown one.
        static func elementSize(_ name: String) -> Int? {
            switch name {
            case "F64", "I64", "U64": 8
            case "F32", "I32", "U32": 4
            case "F16", "BF16", "I16", "U16": 2
            case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2": 1
            default: nil
            }
        }

        /// The little-endian values in `bytes[begin..<end]` as `Float`s.
        func floats(_ bytes: [UInt8], from begin: Int, to end: Int) -> [Float] {
            bytes.withUnsafeBytes { raw in
                let data = UnsafeRawBufferPointer(rebasing: raw[begin..<end])
                switch self {
                case .f32:
                    return (0..<(data.count / 4)).map {
                        Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))
                    }
                case .f64:
                    return (0..<(data.count / 8)).map {
                        Float(Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))))
                    }
                case .bf16:
                    return (0..<(data.count / 2)).map {
                        Float(bitPattern: UInt32(UInt16(littleEndian: data.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self))) << 16)
                    }
                case .f16:
                    return (0..<(data.count / 2)).map {
                        Self.half(UInt16(littleEndian: data.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)))
                    }
                }
            }
        }

        /// IEEE half-precision bits as a `Float` (subnormals, infinities and NaN kept).
        static func half(_ bits: UInt16) -> Float {
            let sign: Float = bits & 0x8000 != 0 ? -1 : 1
            let exponent = Int((bits >> 10) & 0x1f)
            let fraction = Float(bits & 0x3ff)
            switch exponent {
            case 0: return sign * fraction * 0x1p-24
            case 31: return fraction == 0 ? sign * .infinity : .nan
            default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
            }
        }
    }

    /// Serialises F32 tensors (in the given order), then `counters` as I64 scalars (shape `[]`,
    /// as PyTorch's `num_batches_tracked`), and metadata to safetensors bytes. The header is
    /// padded with spaces to a multiple of 8 bytes, as other implementations do.
    public static func encode(
        _ tensors: [(name: String, tensor: Tensor)], counters: [(name: String, value: Int64)] = [], metadata: [String: String]
    ) -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let m = metadata.sorted { $0.key < $1.key }.map { "\(JSONText.quoted($0.key)):\(JSONText.quoted($0.value))" }
            entries.append("\"__metadata__\":{\(m.joined(separator: ","))}")
        }
        var offset = 0
        for (name, t) in tensors {
            let bytes = t.count * 4
            entries.append(
                "\(JSONText.quoted(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}"
            )
            offset += bytes
        }
        for (name, _) in counters {
            entries.append("\(JSONText.quoted(name)):{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[\(offset),\(offset + 8)]}")
            offset += 8
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
        for (_, value) in counters {
            let b = UInt64(bitPattern: value)
            for i in 0..<8 { out.append(UInt8((b >> (8 * UInt64(i))) & 0xff)) }
        }
        return out
    }
}

extension SafeTensors {
    /// Reads the tensors of a cnnviz weights file, checking format metadata.
    static func readWeights(contentsOf url: URL) throws(WeightsError) -> [String: Tensor] {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(url.path, limit: .fileBytes) } catch {
            throw .unreadable(file: url.path, reason: error.reason)
        }
        return try readWeights(bytes: bytes, source: url.path)
    }

    /// Reads the tensors of weights bytes, checking format metadata when there is any: a file
    /// with no cnnviz `format` (e.g. written by PyTorch's `save_file`) is accepted, a cnnviz
    /// file of another format or version is refused. Tensors of non-float dtypes are skipped
    /// (size-checked, not read); `source` names the bytes in errors.
    static func readWeights(bytes: [UInt8], source: String) throws(WeightsError) -> [String: Tensor] {
        let (tensors, metadata, _) = try SafeTensors.decode(bytes, source: source)
        if let format = metadata["format"] {
            let known = format == SafeTensors.formatName || SafeTensors.legacyFormatNames.contains(format)
            guard known, metadata["version"] == SafeTensors.formatVersion else {
                throw .wrongFormat(file: source, found: "\(format) v\(metadata["version"] ?? "?")")
            }
        }
        return tensors
    }
}

extension Network {
    /// The weights as safetensors bytes with PyTorch's `state_dict` names (``namedState``, and
    /// for each batch norm `NAME.num_batches_tracked` = `batchesTracked` as I64), format
    /// metadata (`format`, `version`, `model` = the architecture's name unless `extra` names
    /// it, `mean`, `std`) plus `extra` strings (e.g. how they were trained).
    public func safetensorsBytes(extra: [String: String] = [:], batchesTracked: Int = 0) -> [UInt8] {
        var metadata = extra
        metadata["format"] = SafeTensors.formatName
        metadata["version"] = SafeTensors.formatVersion
        if metadata["model"] == nil { metadata["model"] = architecture.name }
        metadata["mean"] = String(normalization.mean)
        metadata["std"] = String(normalization.std)
        return SafeTensors.encode(
            namedState.map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) },
            counters: batchNorms.map { ("\($0.name).num_batches_tracked", Int64(batchesTracked)) }, metadata: metadata)
    }

    /// Writes the weights (``safetensorsBytes(extra:batchesTracked:)``) to `url` atomically
    /// (temporary file, then rename).
    public func write(to url: URL, extra: [String: String] = [:], batchesTracked: Int = 0) throws(WeightsError) {
        do {
            try Data(safetensorsBytes(extra: extra, batchesTracked: batchesTracked)).write(to: url, options: .atomic)
        } catch {
            throw .writeFailed(file: url.path, reason: (error as NSError).localizedDescription)
        }
    }

}

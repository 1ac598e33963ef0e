import CZlib
import DigitNet
import Foundation
import Support

/// Problems reading MNIST; every case names the file.
public enum MNISTError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(file: String)
    case unreadable(file: String, reason: String)
    case badMagic(file: String, expected: UInt32, found: UInt32)
    case badSize(file: String, reason: String)
    case countMismatch(images: String, labels: String, imageCount: Int, labelCount: Int)
    case indexOutOfRange(index: Int, count: Int)
    /// A size in the file broke a limit or overflowed (also: gzip data inflating past the limit).
    case limit(LimitError)
    /// The set holds no images.
    case empty(file: String)

    public var description: String {
        switch self {
        case let .missing(f): return "\(f): MNIST file not found (expected the canonical IDX files, gzip'd or raw)"
        case let .unreadable(f, r): return "\(f): cannot read (\(r))"
        case let .badMagic(f, e, x): return "\(f): bad IDX magic number \(x), expected \(e)"
        case let .badSize(f, r): return "\(f): wrong size (\(r))"
        case let .countMismatch(i, l, ni, nl): return "\(i) has \(ni) images but \(l) has \(nl) labels"
        case let .indexOutOfRange(i, n): return "MNIST index \(i) is out of range 0..<\(n)"
        case let .limit(error): return error.description
        case let .empty(f): return "\(f): holds no images (an MNIST split needs at least one)"
        }
    }
}

/// One MNIST split: `count` images of 28×28 bytes (0 background … 255 ink) and their labels.
public struct MNISTSet: Sendable {
    /// `count·784` bytes, image-major, row-major within an image.
    public var pixels: [UInt8]
    public var labels: [UInt8]
    public static let side = 28
    public static let pixelsPerImage = 784

    public init(pixels: [UInt8], labels: [UInt8]) {
        precondition(pixels.count == labels.count * Self.pixelsPerImage)
        self.pixels = pixels
        self.labels = labels
    }

    public var count: Int { labels.count }

    /// Image `i` as a `(1,28,28)` tensor with values in [0,1].
    public func image(_ i: Int) -> Tensor {
        let base = i * Self.pixelsPerImage
        return Tensor(shape: [1, 28, 28], data: (0..<Self.pixelsPerImage).map { Float(pixels[base + $0]) / 255 })
    }

    /// Image `i` for a model whose input is `shape` `(1, H, W)`: the digit area-resampled to
    /// H×W (``DigitResize``), values in [0,1]; the same as ``image(_:)`` for 28×28.
    public func image(_ i: Int, shape: [Int]) -> Tensor {
        let digit = image(i)
        guard shape.count == 3, shape[1] != Self.side || shape[2] != Self.side else { return digit }
        return Tensor(shape: shape, data: DigitResize.area(digit.data, from: (Self.side, Self.side), to: shape))
    }

    /// Image `i` resampled by `plan` (built once for many images; nil: the 28×28 digit).
    public func image(_ i: Int, resizedBy plan: DigitResize.Plan?) -> Tensor {
        let digit = image(i)
        guard let plan else { return digit }
        return Tensor(shape: [1, plan.height, plan.width], data: plan.apply(digit.data))
    }

    /// The resampling plan from MNIST's 28×28 to `shape` `(1, H, W)`, nil when no resampling is needed.
    public static func resizePlan(to shape: [Int]) -> DigitResize.Plan? {
        guard shape.count == 3, shape[1] != side || shape[2] != side else { return nil }
        return DigitResize.Plan(sourceHeight: side, sourceWidth: side, height: shape[1], width: shape[2])
    }

    /// The first `n` images (or all, if fewer).
    public func prefix(_ n: Int) -> MNISTSet {
        let m = Swift.min(n, count)
        return MNISTSet(pixels: Array(pixels[0..<(m * Self.pixelsPerImage)]), labels: Array(labels[0..<m]))
    }

    /// The set split into its first images (to train on) and its last `n` (held out to choose
    /// a recipe on, so that the test set chooses nothing). Both parts must be non-empty.
    public func holdingOut(last n: Int) throws(TrainingError) -> (training: MNISTSet, holdout: MNISTSet) {
        guard n >= 1 else { throw .emptyData("a hold-out needs at least 1 image, not \(n)") }
        guard n < count else {
            throw .emptyData("a hold-out of \(n) images leaves none to train on (the set has \(count))")
        }
        let split = (count - n) * Self.pixelsPerImage
        return (
            MNISTSet(pixels: Array(pixels[..<split]), labels: Array(labels[..<(count - n)])),
            MNISTSet(pixels: Array(pixels[split...]), labels: Array(labels[(count - n)...]))
        )
    }

    /// Two sets joined.
    public static func + (a: MNISTSet, b: MNISTSet) -> MNISTSet {
        MNISTSet(pixels: a.pixels + b.pixels, labels: a.labels + b.labels)
    }
}

/// Reads MNIST's canonical IDX files (`train-images-idx3-ubyte[.gz]`, …) from a folder.
public enum MNIST {
    /// Which of the two splits.
    public enum Split: String, Sendable {
        case train, test
        var prefix: String { self == .train ? "train" : "t10k" }
    }

    /// Loads a split from `directory`, preferring the `.gz` files and falling back to raw ones.
    public static func load(directory: String, split: Split) throws(MNISTError) -> MNISTSet {
        let imagesPath = try locate(directory, "\(split.prefix)-images-idx3-ubyte")
        let labelsPath = try locate(directory, "\(split.prefix)-labels-idx1-ubyte")
        let images = try parseIDX(try readMaybeGzip(imagesPath, idxDims: 3), file: imagesPath, magic: 2051, dims: 3)
        let labels = try parseIDX(try readMaybeGzip(labelsPath, idxDims: 1), file: labelsPath, magic: 2049, dims: 1)
        guard images.dims.count == 3, images.dims[1] == 28, images.dims[2] == 28 else {
            throw .badSize(
                file: imagesPath, reason: "images are \(images.dims.dropFirst().map(String.init).joined(separator: "×")), expected 28×28")
        }
        guard images.dims[0] > 0 else { throw .empty(file: imagesPath) }
        guard images.dims[0] == labels.dims[0] else {
            throw .countMismatch(images: imagesPath, labels: labelsPath, imageCount: images.dims[0], labelCount: labels.dims[0])
        }
        if let bad = labels.data.first(where: { $0 > 9 }) {
            throw .badSize(file: labelsPath, reason: "label \(bad) is not a digit")
        }
        return MNISTSet(pixels: images.data, labels: labels.data)
    }

    /// The directory named by the `MNIST_DIR` environment variable, if set and non-empty.
    public static var directoryFromEnvironment: String? {
        guard let dir = ProcessInfo.processInfo.environment["MNIST_DIR"], !dir.isEmpty else { return nil }
        return dir
    }

    static func locate(_ directory: String, _ base: String) throws(MNISTError) -> String {
        let fm = FileManager.default
        for candidate in ["\(base).gz", base] {
            let path = (directory as NSString).appendingPathComponent(candidate)
            if fm.fileExists(atPath: path) { return path }
        }
        throw .missing(file: (directory as NSString).appendingPathComponent("\(base).gz"))
    }

    /// Parses an IDX byte stream: big-endian magic, `dims` big-endian counts, then u8 data.
    /// The counts' product is computed with checked arithmetic and must equal the data size.
    public static func parseIDX(_ bytes: [UInt8], file: String, magic: UInt32, dims: Int) throws(MNISTError) -> (dims: [Int], data: [UInt8])
    {
        func u32(_ o: Int) -> UInt32 {
            UInt32(bytes[o]) << 24 | UInt32(bytes[o + 1]) << 16 | UInt32(bytes[o + 2]) << 8 | UInt32(bytes[o + 3])
        }
        let headerSize = 4 + 4 * dims
        guard bytes.count >= headerSize else { throw .badSize(file: file, reason: "\(bytes.count) bytes is shorter than the IDX header") }
        guard u32(0) == magic else { throw .badMagic(file: file, expected: magic, found: u32(0)) }
        let shape = (0..<dims).map { Int(u32(4 + 4 * $0)) }
        guard let expected = Checked.product(shape) else {
            throw .badSize(
                file: file, reason: "header dimensions \(shape.map(String.init).joined(separator: "×")) are too large to multiply")
        }
        guard bytes.count - headerSize == expected else {
            throw .badSize(file: file, reason: "header promises \(expected) bytes of data, file has \(bytes.count - headerSize)")
        }
        return (shape, Array(bytes[headerSize...]))
    }

    /// Reads a file (at most ``Limit/fileBytes``), inflating it when it starts with the gzip
    /// signature. A folder or a missing file gets a plain reason. With `idxDims`, inflation
    /// also stops one byte past the size the IDX header declares, so a small gzip bomb behind
    /// a modest header costs no more memory than the data it promised.
    public static func readMaybeGzip(_ path: String, idxDims: Int? = nil) throws(MNISTError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: .fileBytes) } catch { throw .unreadable(file: path, reason: error.reason) }
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
        return try gunzip(bytes, file: path, declaredSize: idxDims.map { dims in { declaredIDXSize($0, dims: dims) } })
    }

    /// The total size an IDX header promises (header plus data), once `prefix` holds the
    /// header; nil before that or when the promise overflows.
    static func declaredIDXSize(_ prefix: [UInt8], dims: Int) -> Int? {
        let headerSize = 4 + 4 * dims
        guard prefix.count >= headerSize else { return nil }
        let shape = (0..<dims).map { d in
            (0..<4).reduce(0) { $0 << 8 | Int(prefix[4 + 4 * d + $1]) }
        }
        return Checked.product(shape).flatMap { Checked.sum($0, headerSize) }
    }

    /// Inflates gzip bytes with zlib: one member or several concatenated (as `cat a.gz b.gz`
    /// makes), trailing zero padding allowed. Inflation stops with an error as soon as the
    /// output would pass `limit`, before it is all allocated; with `declaredSize` (what the
    /// inflated data's own header promises, once enough of it is there), as soon as it would
    /// pass that promise.
    public static func gunzip(
        _ input: [UInt8], file: String, limit: Limit = .inflatedBytes, declaredSize: (([UInt8]) -> Int?)? = nil
    ) throws(MNISTError) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(min(input.count * 4, limit.maximum))
        var limit = limit
        var offset = 0
        repeat {
            offset += try inflateMember(input, from: offset, into: &output, file: file, limit: &limit, declaredSize: declaredSize)
            while offset < input.count, input[offset] == 0 { offset += 1 }
            if offset < input.count, !(offset + 1 < input.count && input[offset] == 0x1f && input[offset + 1] == 0x8b) {
                throw .unreadable(file: file, reason: "\(input.count - offset) bytes after the gzip data are not another gzip member")
            }
        } while offset < input.count
        return output
    }

    /// Inflates the gzip member starting at `input[start]`, appending to `output`; returns the
    /// number of input bytes it used.
    static func inflateMember(
        _ input: [UInt8], from start: Int, into output: inout [UInt8], file: String, limit: inout Limit,
        declaredSize: (([UInt8]) -> Int?)?
    ) throws(MNISTError) -> Int {
        var stream = z_stream()
        // 15 window bits + 16: expect a gzip header.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .unreadable(file: file, reason: "zlib initialisation failed")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        var overLimit = false
        var reached = 0
        let available = input.count - start
        guard let availableIn = UInt32(exactly: available) else {
            throw .limit(LimitError(file: file, limit: .fileBytes, found: available))
        }
        var input = input
        input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress! + start
            stream.avail_in = availableIn
            repeat {
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    let produced = out.count - Int(stream.avail_out)
                    if output.count + produced > limit.maximum { overLimit = true; reached = output.count + produced; return }
                    output.append(contentsOf: out[0..<produced])
                    if let declaredSize, limit.what != Self.declaredLimitName, let promised = declaredSize(output),
                        promised < limit.maximum
                    {
                        limit = Limit(Self.declaredLimitName, maximum: promised)
                        if output.count > promised { overLimit = true; reached = output.count; return }
                    }
                }
            } while status == Z_OK && !overLimit
        }
        if overLimit { throw .limit(LimitError(file: file, limit: limit, found: reached)) }
        guard status == Z_STREAM_END else {
            throw .unreadable(file: file, reason: "gzip data is corrupt or truncated (\(zlibReason(status, stream)))")
        }
        return available - Int(stream.avail_in)
    }

    /// The limit's name once inflation is held to what the file's own header promises.
    static let declaredLimitName = "bytes its IDX header promises"

    /// zlib's own message when it gave one, else the status code.
    static func zlibReason(_ status: Int32, _ stream: z_stream) -> String {
        if let message = stream.msg { return String(cString: message) }
        return status == Z_BUF_ERROR ? "unexpected end of data" : "zlib status \(status)"
    }
}

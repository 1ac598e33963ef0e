/// An explicit upper bound on something read from a file (pixels, tensor elements, header
/// bytes, inflated bytes), checked before anything is allocated. Over a limit is an error
/// that names the file and the limit.
public struct Limit: Sendable, Equatable, CustomStringConvertible {
    /// What is limited, in words (`"pixels in an image"`).
    public var what: String
    /// The largest value allowed.
    public var maximum: Int

    /// A limit of `maximum` on `what`.
    public init(_ what: String, maximum: Int) {
        self.what = what
        self.maximum = maximum
    }

    /// `value` when it is known (no overflow) and within the limit, else a ``LimitError``
    /// naming `file`.
    public func check(_ value: Int?, file: String) throws(LimitError) -> Int {
        guard let value, value >= 0, value <= maximum else {
            throw LimitError(file: file, limit: self, found: value)
        }
        return value
    }

    public var description: String { "\(maximum) \(what)" }

    /// Pixels in one decoded image (100 megapixels: a 10,000 × 10,000 photo).
    public static let imagePixels = Limit("pixels in an image", maximum: 100_000_000)
    /// Elements in one tensor of a weights file (256 Mi floats, 1 GiB).
    public static let tensorElements = Limit("elements in one tensor", maximum: 1 << 28)
    /// Bytes of a safetensors JSON header.
    public static let safetensorsHeaderBytes = Limit("bytes of safetensors header", maximum: 16 << 20)
    /// Tensors named in one safetensors header.
    public static let safetensorsTensors = Limit("tensors in one weights file", maximum: 10_000)
    /// Bytes a gzip'd file may inflate to (an IDX file of 60,000 28×28 images is 47 MB).
    public static let inflatedBytes = Limit("bytes after decompression", maximum: 512 << 20)
}

/// A number read from `file` that overflowed or exceeded a ``Limit``.
public struct LimitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the number came from.
    public var file: String
    /// The limit it broke.
    public var limit: Limit
    /// The value found, or nil when computing it overflowed.
    public var found: Int?

    public init(file: String, limit: Limit, found: Int?) {
        self.file = file
        self.limit = limit
        self.found = found
    }

    public var description: String {
        let value = found.map { "\($0)" } ?? "a number too large to compute"
        return "\(file): \(value) exceeds the limit of \(limit)"
    }
}

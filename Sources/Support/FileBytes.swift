#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads input files with plain-worded failures ("no such file", "is a folder, not a file")
/// instead of Foundation's generic "The operation could not be completed", and with the
/// file's size checked against a ``Limit`` before its bytes are allocated.
public enum FileBytes {
    /// The whole of the regular file at `path`, refused when it holds more than `limit` bytes.
    public static func read(_ path: String, limit: Limit = .fileBytes) throws(FileReadError) -> [UInt8] {
        try withOpenFile(path) { (fd, size) throws(FileReadError) in
            guard size <= limit.maximum else {
                throw FileReadError(file: path, reason: LimitError(file: path, limit: limit, found: size).reasonWithoutFile)
            }
            return try readAll(fd, upTo: size, path: path)
        }
    }

    /// The first `count` bytes of the regular file at `path` (fewer when it is shorter).
    public static func prefix(_ path: String, count: Int) throws(FileReadError) -> [UInt8] {
        try withOpenFile(path) { (fd, size) throws(FileReadError) in
            try readAll(fd, upTo: min(max(count, 0), size), path: path)
        }
    }

    /// Opens `path` read-only, checks that it is a regular file, and passes its descriptor and size.
    static func withOpenFile<R>(_ path: String, _ body: (Int32, Int) throws(FileReadError) -> R) throws(FileReadError) -> R {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileReadError(file: path, reason: reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileReadError(file: path, reason: reason(errno)) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw FileReadError(file: path, reason: "is a folder, not a file") }
        guard type == S_IFREG else { throw FileReadError(file: path, reason: "is not a regular file") }
        return try body(fd, Int(info.st_size))
    }

    /// Reads until `count` bytes or the end of the file.
    static func readAll(_ fd: Int32, upTo count: Int, path: String) throws(FileReadError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(file: path, reason: reason(errno))
            }
            if n == 0 { break }
            filled += n
        }
        if filled < count { bytes.removeLast(count - filled) }
        return bytes
    }

    /// Plain words for an `errno` value.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case ENOTDIR: "a folder on the path is a file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a folder, not a file"
        case ELOOP: "too many symbolic links"
        case ENAMETOOLONG: "the path is too long"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}

/// An input file that could not be read, with the reason in plain words.
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as the user gave it.
    public var file: String
    /// Why, e.g. `no such file` or `is a folder, not a file`.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

extension LimitError {
    /// The description without the leading file name, for errors that add it themselves.
    public var reasonWithoutFile: String {
        let value = found.map { "\($0)" } ?? "a number too large to compute"
        return "\(value) exceeds the limit of \(limit)"
    }
}

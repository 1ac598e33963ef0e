/// Where something was read from: a file and, when known, a 1-based line and column.
/// Parsed descriptions keep their location so that errors found after decoding still name
/// the file and line.
public struct FileLocation: Sendable, Hashable, CustomStringConvertible {
    /// The path as the user gave it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?

    /// A location in `file`.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file`, `file:line` or `file:line:column`.
    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "\(file):\(line):\(column)"
        case (let line?, nil): "\(file):\(line)"
        default: file
        }
    }
}

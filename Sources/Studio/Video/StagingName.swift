import Foundation

/// The temporary name an output is written under: `.NAME.partial-HOST-PID-N.EXT` for
/// `NAME.EXT`, hidden, in the same folder (so the final rename is atomic), and telling which
/// host and process made it, so a later run can tell a stale partial from a live one.
struct StagingName: Equatable {
    /// The final file name, `NAME.EXT`.
    var output: String
    /// The host that wrote it (``thisHost`` for this machine).
    var host: String
    /// The writing process.
    var pid: pid_t
    /// A random number telling apart several outputs of one process.
    var serial: UInt32

    /// `.NAME.partial-HOST-PID-N.EXT`.
    var fileName: String {
        let (stem, ext) = Self.split(output)
        return ".\(stem).partial-\(host)-\(pid)-\(serial)" + (ext.isEmpty ? "" : ".\(ext)")
    }

    /// Reads `fileName` back, when it is a staging name for `output`; nil otherwise.
    init?(parsing fileName: String, output: String) {
        let (stem, ext) = Self.split(output)
        let prefix = ".\(stem).partial-", suffix = ext.isEmpty ? "" : ".\(ext)"
        guard fileName.hasPrefix(prefix), fileName.hasSuffix(suffix), fileName.count > prefix.count + suffix.count else { return nil }
        let middle = fileName.dropFirst(prefix.count).dropLast(suffix.count)
        // HOST may itself hold dashes: PID and N are the last two fields.
        let fields = middle.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count >= 3, let serial = UInt32(fields[fields.count - 1]), let pid = pid_t(fields[fields.count - 2]),
            pid > 0
        else { return nil }
        let host = fields.dropLast(2).joined(separator: "-")
        guard !host.isEmpty else { return nil }
        self.init(output: output, host: host, pid: pid, serial: serial)
    }

    init(output: String, host: String, pid: pid_t, serial: UInt32) {
        self.output = output
        self.host = host
        self.pid = pid
        self.serial = serial
    }

    /// This machine's host name as it appears in staging names: letters, digits, `.`, `-`
    /// and `_` only (anything else becomes `_`).
    static let thisHost: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let raw =
            gethostname(&buffer, buffer.count - 1) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        let cleaned = String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        return cleaned.isEmpty ? "localhost" : cleaned
    }()

    /// True when no process `pid` exists on this host (`kill(pid, 0)` fails with ESRCH). A
    /// process of another user (EPERM) counts as alive.
    static func processIsGone(_ pid: pid_t) -> Bool {
        kill(pid, 0) != 0 && errno == ESRCH
    }

    /// `NAME.EXT` → (`NAME`, `EXT`); no extension → (`NAME`, "").
    private static func split(_ output: String) -> (stem: String, ext: String) {
        let ext = (output as NSString).pathExtension
        return ext.isEmpty ? (output, "") : (String(output.dropLast(ext.count + 1)), ext)
    }
}

import Support

/// Seeded mutations of a valid file, the reusable core of the robustness tests: the same
/// seed gives the same mutants on every machine. Byte mutations suit binary formats, token
/// mutations suit text (YAML, JSON); format-aware helpers (PNG chunks with fixed CRCs, a
/// safetensors header with a fixed length) live beside the tests that use them.
struct Mutator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// Numbers that break size arithmetic: zero, one, sign edges, powers of two, all ones.
    static let interestingUInt32: [UInt32] = [
        0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0xffff, 0x10000,
        0x4000_0000, 0x7fff_ffff, 0x8000_0000, 0xb504_f334, 0xffff_fffe, 0xffff_ffff,
    ]

    /// 1–3 random byte-level edits of `bytes`, positions drawn from `region` when given.
    mutating func mutateBytes(_ bytes: [UInt8], region: Range<Int>? = nil) -> [UInt8] {
        var out = bytes
        for _ in 0...rng.int(3) { out = edit(out, region: region) }
        return out
    }

    /// One byte-level edit: flip a bit, set an interesting byte or 32-bit number (either
    /// byte order), truncate, insert, delete or duplicate a run.
    mutating func edit(_ bytes: [UInt8], region: Range<Int>? = nil) -> [UInt8] {
        var out = bytes
        guard !out.isEmpty else { return [UInt8(truncatingIfNeeded: rng.next())] }
        let span = region.map { $0.clamped(to: 0..<out.count) } ?? (0..<out.count)
        let at = span.isEmpty ? rng.int(out.count) : span.lowerBound + rng.int(span.count)
        switch rng.int(8) {
        case 0: out[at] ^= UInt8(1) << UInt8(rng.int(8))
        case 1: out[at] = [0, 1, 0x7f, 0x80, 0xff][rng.int(5)]
        case 2, 3:
            let value = Self.interestingUInt32[rng.int(Self.interestingUInt32.count)]
            let bigEndian = rng.int(2) == 0
            for k in 0..<4 where at + k < out.count {
                let shift = bigEndian ? 24 - 8 * k : 8 * k
                out[at + k] = UInt8(truncatingIfNeeded: value >> UInt32(shift))
            }
        case 4: out.removeLast(out.count - at)
        case 5:
            let count = 1 + rng.int(16)
            out.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
        case 6: out.removeSubrange(at..<min(out.count, at + 1 + rng.int(64)))
        default:
            let run = Array(out[at..<min(out.count, at + 1 + rng.int(64))])
            out.insert(contentsOf: run, at: min(out.count, at + rng.int(64)))
        }
        return out
    }

    /// Tokens that stress a YAML or JSON reader.
    static let tokens = [
        "[", "]", "{", "}", "- ", ": ", ",", "\"", "'", "&a ", "*a", "!!binary ", "---\n", "\n", "\t",
        "#", "~", "null", "-1", "0", "1e400", ".nan", ".inf", "99999999999999999999999",
        "2147483648", "4294967295", "9223372036854775807", "0x7fffffff", "1e-400", "\u{0}", "\u{FEFF}", "é", "\\u0000",
    ]

    /// 1–3 token-level edits of `text`: insert or replace with a token, delete a run,
    /// duplicate or drop a line, or a byte edit.
    mutating func mutateText(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        for _ in 0...rng.int(3) {
            let at = bytes.isEmpty ? 0 : rng.int(bytes.count + 1)
            let token = Array(Self.tokens[rng.int(Self.tokens.count)].utf8)
            switch rng.int(6) {
            case 0: bytes.insert(contentsOf: token, at: at)
            case 1: bytes.replaceSubrange(at..<min(bytes.count, at + 1 + rng.int(6)), with: token)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + rng.int(12)))
            case 3, 4:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                guard !lines.isEmpty else { continue }
                let line = rng.int(lines.count)
                if rng.int(2) == 0 { lines.insert(lines[line], at: rng.int(lines.count + 1)) } else { lines.remove(at: line) }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            default: bytes = edit(bytes)
            }
        }
        return bytes
    }
}

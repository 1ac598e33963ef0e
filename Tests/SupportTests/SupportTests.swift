import Support
import Testing

@Suite("Support: checked arithmetic, limits, SplitMix64, file locations")
struct SupportTests {
    @Test("products and sums report overflow and negative factors as nil")
    func checkedArithmetic() {
        #expect(Checked.product(28, 28, 60_000) == 47_040_000)
        #expect(Checked.product(Int.max, 2) == nil)
        #expect(Checked.product(3_037_000_500, 3_037_000_500) == nil)
        #expect(Checked.product(2, -1) == nil)
        #expect(Checked.product([Int]()) == 1)
        #expect(Checked.sum(Int.max, 1) == nil)
        #expect(Checked.sum(8, 4_000) == 4_008)
        #expect(Checked.int(UInt64.max) == nil)
        #expect(Checked.int(UInt32.max) == Int(UInt32.max))
    }

    @Test("a limit passes values up to its maximum and names the file beyond it")
    func limits() throws {
        let limit = Limit("pixels", maximum: 100)
        #expect(try limit.check(100, file: "a.png") == 100)
        #expect(throws: LimitError(file: "a.png", limit: limit, found: 101)) { try limit.check(101, file: "a.png") }
        #expect(throws: LimitError(file: "a.png", limit: limit, found: nil)) { try limit.check(nil, file: "a.png") }
        let error = LimitError(file: "w.safetensors", limit: .tensorElements, found: nil)
        #expect(error.description.contains("w.safetensors") && error.description.contains("elements in one tensor"))
    }

    @Test("SplitMix64 matches the reference sequence for seed 0 and stays in range")
    func splitMix() {
        var rng = SplitMix64(seed: 0)
        // First outputs of the reference SplitMix64 (Steele, Lea, Flood 2014) seeded with 0.
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        for _ in 0..<1000 {
            let f = rng.nextFloat(in: -1...1)
            #expect(f >= -1 && f <= 1)
            let d = rng.uniform(2, 3)
            #expect(d >= 2 && d < 3)
            #expect((0..<7).contains(rng.int(7)))
        }
    }

    @Test("file locations print as file, file:line or file:line:column")
    func locations() {
        #expect(FileLocation(file: "s.yaml").description == "s.yaml")
        #expect(FileLocation(file: "s.yaml", line: 4).description == "s.yaml:4")
        #expect(FileLocation(file: "s.yaml", line: 4, column: 9).description == "s.yaml:4:9")
    }
}

@Suite("Support: JSON text")
struct JSONTextTests {
    @Test("strings are quoted with quotes, backslashes and control characters escaped")
    func quoting() {
        #expect(JSONText.quoted("plain") == "\"plain\"")
        #expect(JSONText.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(JSONText.quoted("l1\nl2\r\t") == "\"l1\\nl2\\r\\t\"")
        #expect(JSONText.quoted("\u{1}x\u{1f}") == "\"\\u0001x\\u001f\"")
        #expect(JSONText.quoted("sieben 7 — ✓") == "\"sieben 7 — ✓\"")
    }
}

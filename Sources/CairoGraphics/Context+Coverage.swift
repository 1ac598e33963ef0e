import CCairo

extension Context {
    /// The characters of `text` the current font has no glyph for (each once, in order of
    /// first appearance); empty when the font draws all of it. Cairo's toy font API does
    /// not fall back to other fonts, so these would show as boxes. Select the font first
    /// (`selectFont`, `setFontSize`).
    public func missingCharacters(_ text: String) -> [Character] {
        var missing: [Character] = []
        for character in text where !missing.contains(character) {
            if character == " " || character == "\n" { continue }
            let glyphs: [UInt] = FontLock.withLock {
                guard let font = cairo_get_scaled_font(pointer) else { return [] }
                var out: UnsafeMutablePointer<cairo_glyph_t>? = nil
                var count: Int32 = 0
                let status = cairo_scaled_font_text_to_glyphs(
                    font, 0, 0, String(character), -1, &out, &count, nil, nil, nil)
                defer { if let out { cairo_glyph_free(out) } }
                guard status == CAIRO_STATUS_SUCCESS, let out else { return [0] }
                return (0..<Int(count)).map { UInt(out[$0].index) }
            }
            if glyphs.isEmpty || glyphs.contains(0) { missing.append(character) }
        }
        return missing
    }
}

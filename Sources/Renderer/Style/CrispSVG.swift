import Foundation

/// Marks every embedded image of an SVG as pixel art, so feature maps and kernels keep hard
/// cell edges when the SVG is scaled, as they do in the PDF.
///
/// Cairo 1.16's SVG surface writes `<image>` elements with no hint of the nearest filter the
/// picture was drawn with, and viewers smooth them. This pass adds to each `<image` tag
/// both the presentation attribute `image-rendering="optimizeSpeed"` (SVG 1.1: honoured by
/// librsvg/rsvg-convert and Inkscape) and `style="image-rendering:optimizeSpeed;
/// image-rendering:pixelated"` (CSS: browsers that know `pixelated`, Chrome, Edge, Safari
/// and Firefox 93+, take it; older ones keep `optimizeSpeed`). Tags that already carry an
/// `image-rendering` are left alone.
public enum CrispSVG {
    /// The CSS declarations: the fallback first, so a viewer that does not know `pixelated`
    /// drops only that one.
    static let declarations = "image-rendering:optimizeSpeed;image-rendering:pixelated"

    /// `svg` with every `<image …>` tag marked (see the type's note).
    public static func marked(_ svg: String) -> String {
        var out = ""
        out.reserveCapacity(svg.utf8.count + 1024)
        var rest = svg[...]
        while let open = rest.range(of: "<image") {
            out += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            // `<image` must be the whole element name (not `<imageX`).
            guard let next = rest.first, next == " " || next == "\n" || next == "\t" || next == "/" || next == ">" else {
                continue
            }
            let tagEnd = rest.firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[..<tagEnd]
            out += markedAttributes(tag)
            rest = rest[tagEnd...]
        }
        out += rest
        return out
    }

    /// The attributes of one `<image` tag (everything after its name, up to `>`), marked: a
    /// `style` already there gets the declarations prepended, else one is added.
    static func markedAttributes(_ tag: Substring) -> String {
        guard !tag.contains("image-rendering") else { return String(tag) }
        if let style = tag.range(of: #" style=""#) {
            return #" image-rendering="optimizeSpeed""# + tag[..<style.upperBound] + declarations + ";"
                + tag[style.upperBound...]
        }
        return #" image-rendering="optimizeSpeed" style=""# + declarations + "\"" + tag
    }

    /// Rewrites the SVG file at `path` in place with every image marked.
    public static func mark(file path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try marked(text).write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// How many `<image` elements `svg` holds, and how many of them are marked crisp.
    public static func imageCounts(_ svg: String) -> (images: Int, crisp: Int) {
        var images = 0, crisp = 0
        var rest = svg[...]
        while let open = rest.range(of: "<image") {
            rest = rest[open.upperBound...]
            guard let next = rest.first, next == " " || next == "\n" || next == "\t" || next == "/" || next == ">" else {
                continue
            }
            images += 1
            let tagEnd = rest.firstIndex(of: ">") ?? rest.endIndex
            if rest[..<tagEnd].contains("image-rendering:pixelated") { crisp += 1 }
        }
        return (images, crisp)
    }
}

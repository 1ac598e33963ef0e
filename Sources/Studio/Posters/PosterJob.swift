import CairoGraphics
import DigitNet
import Foundation
import Renderer

/// `cnnviz poster`: per-layer posters (the offline "click a layer to see inside it").
///
/// One layer → one PNG, PDF or SVG. `all` → a multi-page PDF (one page per layer) or, for
/// PNG and SVG, one file per layer named `STEM-LAYER.EXT`. Every file is written under a
/// temporary name and renamed only when complete. PDF and SVG stay vector: text is text and
/// each feature map or kernel is one embedded image drawn pixel-crisp.
public enum PosterJob {
    /// Output formats by file extension.
    public enum Format: String, Sendable { case png, pdf, svg }

    /// Default canvas: A4 landscape proportions, the size of the look's poster.
    public static let defaultSize = (width: 2480, height: 1754)

    /// Writes the poster(s) for `layer` (a stage name or `all`) and returns the files written.
    @discardableResult
    public static func run(
        input: DigitInput, network: Network, layer: String, output: String,
        width: Int = defaultSize.width, height: Int = defaultSize.height
    ) throws(StudioError) -> [String] {
        let ext = (output as NSString).pathExtension.lowercased()
        guard let format = Format(rawValue: ext) else {
            throw .unsupportedOutput(file: output, reason: "a poster is written as .png, .pdf or .svg")
        }
        let names = network.stages.map(\.name.rawValue)
        let layers: [String]
        if layer == "all" {
            layers = names
        } else if names.contains(layer) {
            layers = [layer]
        } else {
            throw .badInput(file: output, reason: "no layer named \(layer); choose one of \(names.joined(separator: ", ")) or all")
        }
        let trace = network.forward(Prediction.fitted(input.image, to: network.inputShape))
        let content = PosterContent(network: network, trace: trace, inputLabel: input.label, label: input.trueDigit)
        if format == .pdf || layers.count == 1 {
            try write(pages: layers, to: output, format: format, content: content, width: width, height: height)
            return [output]
        }
        let stem = (output as NSString).deletingPathExtension
        var written: [String] = []
        for name in layers {
            let file = "\(stem)-\(name).\(ext)"
            try write(pages: [name], to: file, format: format, content: content, width: width, height: height)
            written.append(file)
        }
        return written
    }

    /// Renders `pages` into one file through a staged temporary name.
    static func write(
        pages: [String], to path: String, format: Format, content: PosterContent,
        width: Int, height: Int
    ) throws(StudioError) {
        let staged = try StagedOutput(path: path)
        do {
            let painter = PosterPainter(content: content, width: Double(width), height: Double(height))
            switch format {
            case .png:
                let surface = try ImageSurface(width: width, height: height)
                let c = try Context(surface)
                try painter.paint(layer: pages[0], into: c)
                try surface.writePNG(to: staged.staging.path)
            case .pdf, .svg:
                // Vector pages in points: the canvas scaled to A4-landscape proportions (842 pt wide by default).
                let k = 842.0 / Double(defaultSize.width)
                let (pw, ph) = (Double(width) * k, Double(height) * k)
                let surface: Surface =
                    format == .pdf
                    ? try PDFSurface(path: staged.staging.path, width: pw, height: ph)
                    : try SVGSurface(path: staged.staging.path, width: pw, height: ph)
                let c = try Context(surface)
                for (i, name) in pages.enumerated() {
                    if i > 0 { c.showPage() }
                    c.save()
                    c.scale(k, k)
                    try painter.paint(layer: name, into: c)
                    c.restore()
                }
                try c.checkStatus()
                try surface.finish()
                if format == .svg { try CrispSVG.mark(file: staged.staging.path) }
            }
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
        try staged.commit()
    }
}

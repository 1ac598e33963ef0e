import CairoGraphics
import DigitNet
import Foundation
import Preprocessing
import Renderer

/// A printable page for the sheet (`--page a4|letter`), re-exported for the command line.
public typealias PaperSize = Renderer.PaperSize

/// Output kinds of the preprocessing sheet, chosen by file extension.
public enum SheetFormat: String, Sendable, CaseIterable {
    case png, pdf, svg

    /// The format for `path`'s extension, or nil when it is not .png, .pdf or .svg.
    public init?(path: String) {
        self.init(rawValue: (path as NSString).pathExtension.lowercased())
    }
}

/// Writes the preprocessing illustration (drawn by `SheetPainter`): one sheet from the raw
/// canvas to the 784 numbers and the prediction, and optionally each step as its own PNG.
public enum PreprocessSheet {
    /// Sheet size in user units (pixels at scale 1, points in PDF/SVG) for a drawn canvas; a
    /// photo's sheet is taller (`size(_:page:)`).
    public static let width = SheetPainter.width
    public static let height = SheetPainter.height

    /// Pixels per point of a page-sized PNG when no scale is given (150 dpi).
    public static let pageScale = 150.0 / 72

    /// The size in user units of the wide sheet for `content` (taller for a photo), or of
    /// `page` when given.
    public static func size(_ content: SheetContent, page: PaperSize?) -> (width: Double, height: Double) {
        page?.points ?? SheetPainter.size(content)
    }

    /// Draws the whole sheet: the wide one, or the page layout on `page`.
    static func draw(_ cr: Context, _ content: SheetContent, page: PaperSize? = nil) throws {
        if let page {
            try SheetPage(paper: page, content: content).draw(cr)
        } else {
            try SheetPainter(content: content).draw(cr)
        }
    }

    /// Writes the sheet to `path` (.png, .pdf or .svg), staged under a temporary name and
    /// renamed when complete: the wide sheet, or a page of `page`'s size. PNGs are drawn at
    /// `scale` pixels per unit (1 for the wide sheet, `pageScale` for a page when nil).
    static func write(_ content: SheetContent, to path: String, scale: Double? = nil, page: PaperSize? = nil) throws {
        guard let format = SheetFormat(path: path) else {
            throw StudioError.writeFailed(file: path, reason: "the sheet must be .png, .pdf or .svg")
        }
        let (width, height) = size(content, page: page)
        let scale = scale ?? (page == nil ? 1 : pageScale)
        let staged = try StagedOutput(path: path)
        do {
            switch format {
            case .png:
                let surface = try ImageSurface(
                    width: Int((width * scale).rounded()), height: Int((height * scale).rounded()))
                let cr = try Context(surface)
                cr.scale(scale, scale)
                try draw(cr, content, page: page)
                try surface.writePNG(to: staged.staging.path)
            case .pdf:
                let surface = try PDFSurface(path: staged.staging.path, width: width, height: height)
                try drawVector(surface, content, page: page)
            case .svg:
                let surface = try SVGSurface(path: staged.staging.path, width: width, height: height)
                try drawVector(surface, content, page: page)
                try CrispSVG.mark(file: staged.staging.path)
            }
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
        try staged.commit()
    }

    static func drawVector(_ surface: Surface, _ content: SheetContent, page: PaperSize?) throws {
        do {
            let cr = try Context(surface)
            try draw(cr, content, page: page)
        }
        try surface.finish()
    }

    /// Writes each step as its own PNG (`01-canvas.png` … `09-prediction.png`) into `directory`;
    /// returns the paths.
    static func writeSteps(_ content: SheetContent, to directory: String, scale: Double = 2) throws -> [String] {
        let painter = SheetPainter(content: content)
        var paths: [String] = []
        for panel in SheetPanel.allCases {
            let path = (directory as NSString).appendingPathComponent(panel.fileName)
            try writeStepPNG(path, size: SheetPainter.stepSize(panel), scale: scale) { try painter.drawStep(panel, $0) }
            paths.append(path)
        }
        paths += try PhotoSteps.write(content.stages, to: directory, scale: scale)
        return paths
    }

    /// One step drawn alone (`size` in points) into a PNG at `path`, `scale` pixels per point,
    /// through a staging name.
    static func writeStepPNG(
        _ path: String, size: (width: Double, height: Double), scale: Double, draw: (Context) throws -> Void
    ) throws(StudioError) {
        try StagedOutput.write(path: path) { staging in
            let surface = try ImageSurface(
                width: Int((size.width * scale).rounded(.up)), height: Int((size.height * scale).rounded(.up)))
            let cr = try Context(surface)
            cr.scale(scale, scale)
            try draw(cr)
            try surface.writePNG(to: staging)
        }
    }
}

/// The `preprocess` job: resolve the image, predict it, write the sheet (and the steps).
public enum PreprocessJob {
    /// What to make.
    public struct Request: Sendable {
        public var image: String
        public var output: String
        public var stepsDirectory: String?
        public var weights: String?
        /// Pixels per unit for PNG output (the sheet is 2400×700 units, a photo's taller: `SheetPainter.size`,
        /// a page its size in points); nil: 1 for the sheet, `PreprocessSheet.pageScale` for a page.
        public var scale: Double?
        /// A printable page layout instead of the wide sheet.
        public var page: PaperSize?
        public init(
            image: String, output: String, stepsDirectory: String? = nil, weights: String? = nil, scale: Double? = nil,
            page: PaperSize? = nil
        ) {
            self.image = image; self.output = output; self.stepsDirectory = stepsDirectory
            self.weights = weights; self.scale = scale; self.page = page
        }
    }

    /// Runs the request. Returns the files written.
    public static func run(_ request: Request) throws -> [String] {
        let input = try resolveInput(request.image)
        let network = try NetworkSource(weights: request.weights).load()
        return try run(
            input: input, network: network, output: request.output,
            stepsDirectory: request.stepsDirectory, scale: request.scale, page: request.page)
    }

    /// Writes the sheet (and the steps) for an input already resolved and a network already
    /// loaded, so a scene's outputs share both. Returns the files written.
    public static func run(
        input: DigitInput, network: Network, output: String, stepsDirectory: String? = nil,
        scale: Double? = nil, page: PaperSize? = nil
    ) throws -> [String] {
        let content = SheetContent(
            input: input, prediction: Prediction(input: input, network: network),
            normalization: network.normalization)
        try PreprocessSheet.write(content, to: output, scale: scale, page: page)
        var written = [output]
        if let dir = stepsDirectory {
            written += try PreprocessSheet.writeSteps(content, to: dir)
        }
        return written
    }
}

extension SheetContent {
    /// The sheet's content for a resolved input and the network's prediction of it: the value
    /// grid shows `input.image`, the very tensor the network read (for MNIST inputs MNIST's own
    /// pixels, not the pipeline's re-run on them).
    public init(input: DigitInput, prediction: Prediction, normalization: InputNormalization) {
        self.init(
            source: input.spec, trueDigit: input.trueDigit, stages: input.stages, networkInput: input.image.data,
            digit: prediction.digit, probabilities: prediction.probabilities,
            runnerUp: prediction.top2.count == 2 ? prediction.top2[1].digit : nil, normalization: normalization,
            inputName: input.label)
    }
}

extension SheetPanel {
    /// File name of the step's own PNG in `--steps-dir` (`05-scale-to-20x20.png`).
    var fileName: String {
        String(format: "%02d-", rawValue) + title.replacingOccurrences(of: "×", with: "x").replacingOccurrences(of: " ", with: "-") + ".png"
    }
}

import CairoGraphics
import DigitNet
import Foundation
import Preprocessing

/// Output kinds of the preprocessing sheet, chosen by file extension.
public enum SheetFormat: String, Sendable, CaseIterable {
    case png, pdf, svg

    /// The format for `path`'s extension, or nil when it is not .png, .pdf or .svg.
    public init?(path: String) {
        self.init(rawValue: (path as NSString).pathExtension.lowercased())
    }
}

/// The preprocessing illustration: one sheet from the raw canvas to the 784 numbers and the
/// prediction, laid out like `look/preprocess.png`.
public enum PreprocessSheet {
    /// Sheet size in user units (pixels at scale 1, points in PDF/SVG).
    public static let width = 2400.0
    public static let height = 700.0

    /// Top-left of each panel's header on the sheet.
    static func origin(of panel: SheetPanel) -> (x: Double, y: Double) {
        let smallTop = 262.0, tallTop = 122.0
        switch panel {
        case .values: return (1532, tallTop)
        case .flatten: return (2064, tallTop)
        case .prediction: return (2172, smallTop)
        default: return (56 + Double(panel.rawValue - 1) * 246, smallTop)
        }
    }

    /// The centre line the arrows run along (middle of the small pictures).
    static let arrowY = 262.0 + 26 + SheetPanel.side / 2

    /// Draws the whole sheet.
    static func draw(_ cr: Context, _ content: SheetContent) throws {
        SheetStyle.paintBackground(cr, width: width, height: height)
        drawTitle(cr, content)
        for panel in SheetPanel.allCases {
            let o = origin(of: panel)
            try panel.draw(cr, content, x: o.x, y: o.y)
        }
        for (from, to) in zip(SheetPanel.allCases.dropLast(), SheetPanel.allCases.dropFirst()) {
            let a = origin(of: from), b = origin(of: to)
            let end = from == .flatten ? a.x + from.pictureSize.width + 40 : a.x + from.pictureSize.width
            SheetStyle.arrow(cr, from: end + 12, to: b.x - 12, y: arrowY)
        }
        try cr.checkStatus()
    }

    static func drawTitle(_ cr: Context, _ content: SheetContent) {
        SheetStyle.font(cr, 30, bold: true)
        cr.setColor(SheetStyle.text)
        cr.drawText(title(content), x: 56, y: 62)
        SheetStyle.font(cr, 16)
        cr.setColor(SheetStyle.muted)
        var source = content.input.spec
        if source.count > 70 { source = "…" + source.suffix(69) }
        cr.drawText("From the raw canvas (\(source)) to the 784 numbers the network reads — every step is deterministic and reproducible.",
                    x: 56, y: 94)
    }

    static func title(_ content: SheetContent) -> String {
        "Preprocessing a drawn \(content.input.trueDigit ?? content.prediction.digit), MNIST-style"
    }

    /// Writes the sheet to `path` (.png, .pdf or .svg), staged under a temporary name and
    /// renamed when complete. PNGs are drawn at `scale` pixels per unit.
    static func write(_ content: SheetContent, to path: String, scale: Double = 1) throws {
        guard let format = SheetFormat(path: path) else {
            throw StudioError.writeFailed(file: path, reason: "the sheet must be .png, .pdf or .svg")
        }
        let staged = try StagedOutput(path: path)
        do {
            switch format {
            case .png:
                let surface = try ImageSurface(width: Int(width * scale), height: Int(height * scale))
                let cr = try Context(surface)
                cr.scale(scale, scale)
                try draw(cr, content)
                try surface.writePNG(to: staged.staging.path)
            case .pdf:
                let surface = try PDFSurface(path: staged.staging.path, width: width, height: height)
                try drawVector(surface, content)
            case .svg:
                let surface = try SVGSurface(path: staged.staging.path, width: width, height: height)
                try drawVector(surface, content)
            }
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
        try staged.commit()
    }

    static func drawVector(_ surface: Surface, _ content: SheetContent) throws {
        do {
            let cr = try Context(surface)
            try draw(cr, content)
        }
        try surface.finish()
    }

    /// Writes each step as its own PNG (`01-canvas.png` … `09-prediction.png`) into `directory`;
    /// returns the paths.
    static func writeSteps(_ content: SheetContent, to directory: String, scale: Double = 2) throws -> [String] {
        let margin = 24.0
        var paths: [String] = []
        for panel in SheetPanel.allCases {
            let (w, h) = panel.size
            let path = (directory as NSString).appendingPathComponent(panel.fileName)
            let staged = try StagedOutput(path: path)
            do {
                let surface = try ImageSurface(width: Int(((w + 2 * margin) * scale).rounded(.up)),
                                               height: Int(((h + 2 * margin) * scale).rounded(.up)))
                let cr = try Context(surface)
                cr.scale(scale, scale)
                SheetStyle.paintBackground(cr, width: w + 2 * margin, height: h + 2 * margin)
                try panel.draw(cr, content, x: margin, y: margin)
                try cr.checkStatus()
                try surface.writePNG(to: staged.staging.path)
            } catch {
                let failure = staged.failure(error, errno: errno)
                staged.discard()
                throw failure
            }
            try staged.commit()
            paths.append(path)
        }
        return paths
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
        /// Pixels per unit for PNG output (the sheet is 2400×700 units).
        public var scale: Double
        public init(image: String, output: String, stepsDirectory: String? = nil, weights: String? = nil, scale: Double = 1) {
            self.image = image; self.output = output; self.stepsDirectory = stepsDirectory
            self.weights = weights; self.scale = scale
        }
    }

    /// Runs the request. Returns the files written.
    public static func run(_ request: Request) throws -> [String] {
        let input = try resolveInput(request.image)
        let network = try PredictJob.network(weights: request.weights)
        return try run(input: input, network: network, output: request.output,
                       stepsDirectory: request.stepsDirectory, scale: request.scale)
    }

    /// Writes the sheet (and the steps) for an input already resolved and a network already
    /// loaded, so a scene's outputs share both. Returns the files written.
    public static func run(input: DigitInput, network: Network, output: String, stepsDirectory: String? = nil,
                           scale: Double = 1) throws -> [String] {
        let content = SheetContent(input: input, prediction: Prediction(input: input, network: network),
                                   mean: network.mean, std: network.std)
        try PreprocessSheet.write(content, to: output, scale: scale)
        var written = [output]
        if let dir = stepsDirectory {
            written += try PreprocessSheet.writeSteps(content, to: dir)
        }
        return written
    }
}

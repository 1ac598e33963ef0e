import CairoGraphics
import Foundation
import Preprocessing
import Renderer

/// The photo-only steps (`PhotoSheetPanel`) written beside the sheet's own step PNGs.
enum PhotoSteps {
    /// Writes `02a-light-estimate.png`, `02b-light-divided-out.png` and
    /// `02c-lines-and-noise-dropped.png` into `directory` when `stages` is a photo; returns the paths.
    static func write(_ stages: PreprocessedDigit, to directory: String, scale: Double = 2) throws -> [String] {
        guard stages.photo != nil else { return [] }
        var paths: [String] = []
        for panel in PhotoSheetPanel.allCases {
            let path = (directory as NSString).appendingPathComponent(panel.fileName)
            let staged = try StagedOutput(path: path)
            do {
                let (w, h) = PhotoSheetPanel.size
                let surface = try ImageSurface(width: Int((w * scale).rounded(.up)), height: Int((h * scale).rounded(.up)))
                let cr = try Context(surface)
                cr.scale(scale, scale)
                try panel.drawStep(stages, cr)
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

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
            try PreprocessSheet.writeStepPNG(path, size: PhotoSheetPanel.size, scale: scale) { try panel.drawStep(stages, $0) }
            paths.append(path)
        }
        return paths
    }
}

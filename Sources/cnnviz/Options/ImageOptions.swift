import ArgumentParser
import Foundation
import Preprocessing

/// How an IMAGE argument is read; shared by the commands that take one (`predict`,
/// `preprocess`, `still`, `orbit`, `poster`).
struct ImageOptions: ParsableArguments {
    /// `X,Y,W,H` in the image's upright pixels, or nil for the whole image.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read only this part of the image (pixels, after EXIF orientation): for a page with several digits.",
            valueName: "X,Y,W,H"))
    var crop: String?

    func validate() throws { _ = try rect() }

    /// The crop as a rectangle (nil without `--crop`); four whole numbers, W and H positive.
    func rect() throws -> PixelRect? {
        guard let crop else { return nil }
        let parts = crop.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let x = parts[0], let y = parts[1], let w = parts[2], let h = parts[3], x >= 0, y >= 0, w > 0, h > 0
        else {
            throw ValidationError("--crop must be X,Y,W,H: four whole numbers, X and Y at least 0, W and H above 0 (got \(crop))")
        }
        return PixelRect(x: x, y: y, width: w, height: h)
    }

    /// The preprocessing options these flags give.
    func preprocessing() throws -> PreprocessingOptions {
        var options = PreprocessingOptions()
        options.crop = try rect()
        return options
    }
}

/// Settings for turning a drawn canvas into a 28×28 network input.
public struct PreprocessingOptions: Sendable, Equatable {
    /// Decoding limits (50 megapixels by default).
    public var limits = DecodeLimits()
    /// Fewest grey levels between ink and canvas for there to be a digit at all.
    public var minimumContrast = 32.0
    /// Smallest digit, as a share of the canvas's shorter side (and at least 3 pixels): a lone
    /// dot or a few stray pixels on a blank canvas are not a digit.
    public var minimumDigitShare = 0.025
    /// How stray specks are told from strokes.
    public var speckRule = Components.SpeckRule()
    /// Side of the box the digit is scaled into (MNIST: 20).
    public var boxSide = 20
    /// Side of the field the box is centred in (MNIST: 28).
    public var fieldSide = 28
    /// Stroke-width normalisation, or nil to keep the drawn width.
    public var strokeNormalisation: StrokeNormalisation? = .mnist
    /// Which ink separation to use: clean canvases (a near-uniform background) keep the global
    /// Otsu threshold; photographed pages get the illumination-corrected one.
    public var page: PageHandling = .automatic
    /// Photos whose printed lines show the page tilted by at least this much (radians) are
    /// turned upright around the digit before it is scaled (the digit was written along the lines).
    public var minimumDeskew = 2.0 * Double.pi / 180
    /// Photos are separated on a copy whose longer side is at most this many pixels
    /// (`WorkingPlane`): faster, and grain and noise are averaged away.
    public var photoWorkingSide = 512
    /// Only this part of the image (in upright pixels, after EXIF orientation) is read: for a
    /// page holding several digits, or a digit with clutter around it.
    public var crop: PixelRect? = nil
    /// Refuse a page whose ink falls into several digit-sized groups side by side (instead of
    /// reading one of them); the error lists where they are for `crop`.
    public var refuseSeveralDigits = true

    public init() {}

    /// Options for a network whose input is `side`×`side`: the field is `side`, the digit's box
    /// keeps MNIST's 20/28 of it, and the stroke-width band and target scale with the box.
    /// `forInput(side: 28)` equals the defaults.
    public static func forInput(side: Int) -> PreprocessingOptions {
        var o = PreprocessingOptions()
        let field = max(4, side)
        o.fieldSide = field
        o.boxSide = max(3, min(field, Int((Double(field) * 20 / 28).rounded())))
        if var norm = o.strokeNormalisation, o.boxSide != 20 {
            let k = Double(o.boxSide) / 20
            norm.band = (norm.band.lowerBound * k)...(norm.band.upperBound * k)
            norm.target *= k
            // Keep the supersampled grid near 80 pixels a side (at least 2× the box).
            norm.supersample = max(2, min(8, Int((80.0 / Double(o.boxSide)).rounded())))
            o.strokeNormalisation = norm
        }
        return o
    }
}

/// How a page's ink is told from its paper.
public enum PageHandling: String, Sendable, Equatable, CaseIterable {
    /// Clean canvas path when the background is near-uniform, photo path otherwise.
    case automatic
    /// Always one global Otsu threshold (the clean-canvas path).
    case clean
    /// Always the photo path: light estimated and divided out, hysteresis, printed lines removed.
    case photo
}

/// Every stage of preprocessing one canvas, kept for illustration.
public struct PreprocessedDigit: Sendable {
    /// Where the canvas came from (file path or a description such as `mnist:test:3`).
    public var source: String
    /// The decoded pixels, as drawn.
    public var canvas: Canvas
    /// The colour transparent pixels were composited over.
    public var canvasColour: RGB8
    /// Stage 2: grey levels after compositing.
    public var gray: Plane<UInt8>
    /// Stage 2: the threshold and polarity that separated ink from canvas.
    public var separation: InkSeparation
    /// Stage 3: 0 canvas, 1 kept ink, 2 ink dropped as a speck.
    public var inkMask: Plane<UInt8>
    /// Stage 3: every ink component and whether it was kept.
    public var components: [InkComponent]
    /// Stage 4: boundary pixels of the kept ink.
    public var outline: [PixelPoint]
    /// Stage 4: bounding box of the kept ink, in canvas pixels.
    public var boundingBox: PixelRect
    /// Stage 5: stroke width measured (and normalised, when enabled).
    public var strokeWidth: StrokeWidthReport
    /// Stage 5: the digit scaled into the box (longer side = `boxSide`), ink 0…1.
    public var box: Plane<Float>
    /// Stage 6: where the box went in the field.
    public var placement: Placement
    /// Stage 6: the `fieldSide`² field, white ink (1) on black (0).
    public var field: Plane<Float>
    /// Stages 2–3 of a photographed page (light estimate, darkness, lines and noise dropped);
    /// nil for a clean canvas. When set, `separation`'s levels are darkness levels of
    /// `photo.darkness` (on the working plane, `photo.plane`), and `inkMask`, `components`,
    /// `outline` and `boundingBox` are the working plane's, enlarged to canvas pixels.
    public var photo: PhotoSeparation? = nil

    /// Stage 7: the field flattened row by row, values in [0,1] (the network normalises them).
    public var values: [Float] { field.pixels }
    /// Kept ink pixels.
    public var keptInkPixels: Int { components.filter(\.kept).reduce(0) { $0 + $1.area } }
    /// Components dropped as specks.
    public var droppedComponents: [InkComponent] { components.filter { !$0.kept } }
}

/// The preprocessing pipeline: decode → composite → grey → Otsu → components → specks →
/// outline and box → scale into 20×20 → centre of mass in 28×28 → 784 values.
public enum Preprocessor {
    /// Decodes the PNG at `path` and preprocesses it.
    public static func run(file path: String, options: PreprocessingOptions = PreprocessingOptions()) throws(PreprocessingError)
        -> PreprocessedDigit
    {
        let canvas = try CanvasDecoder.decode(file: path, limits: options.limits)
        return try run(canvas: canvas, source: path, options: options)
    }

    /// The part of `canvas` that `crop` names (the canvas itself without one); a crop reaching
    /// outside the canvas is an error naming `source` and the canvas's size.
    public static func cropped(_ canvas: Canvas, to crop: PixelRect?, source: String) throws(PreprocessingError) -> Canvas {
        guard let r = crop else { return canvas }
        guard r.x >= 0, r.y >= 0, r.width > 0, r.height > 0, r.width <= canvas.width - r.x, r.height <= canvas.height - r.y else {
            throw .cropOutside(file: source, crop: r, width: canvas.width, height: canvas.height)
        }
        if r == PixelRect(x: 0, y: 0, width: canvas.width, height: canvas.height) { return canvas }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(r.width * r.height * 4)
        for y in r.y..<r.maxY {
            let start = (y * canvas.width + r.x) * 4
            bytes.append(contentsOf: canvas.bgra[start..<(start + r.width * 4)])
        }
        return Canvas(width: r.width, height: r.height, bgra: bytes)
    }

    /// Preprocesses an already decoded canvas; `source` names it in errors.
    public static func run(canvas original: Canvas, source: String, options: PreprocessingOptions = PreprocessingOptions())
        throws(PreprocessingError) -> PreprocessedDigit
    {
        let canvas = try cropped(original, to: options.crop, source: source)
        let colour = Grayscale.canvasColour(for: canvas)
        let gray = Grayscale.gray(canvas, over: colour)
        guard let separation = Otsu.separate(gray, minimumContrast: options.minimumContrast) else {
            // Faint pencil under uneven light can lack global contrast while standing out locally.
            if options.page != .clean && !Illumination.isUniformBackground(gray, separation: nil) {
                return try runPhoto(canvas: canvas, colour: colour, gray: gray, source: source, options: options)
            }
            throw .noDigit(file: source)
        }
        switch options.page {
        case .clean: break
        case .photo: return try runPhoto(canvas: canvas, colour: colour, gray: gray, source: source, options: options)
        case .automatic:
            if !Illumination.isUniformBackground(gray, separation: separation) {
                return try runPhoto(canvas: canvas, colour: colour, gray: gray, source: source, options: options)
            }
        }
        let labelled = Components.label(gray, ink: separation.inkTable)
        let components = Components.removeSpecks(labelled.components, rule: options.speckRule)
        if options.refuseSeveralDigits {
            let kept = components.filter(\.kept)
            let groups = DigitGroups.find(
                kept, digit: (kept.map(\.area).max() ?? 0, Outline.boundingBox(of: kept) ?? PixelRect(x: 0, y: 0, width: 0, height: 0)))
            if groups.count > 1 { throw .severalDigits(file: source, boxes: groups) }
        }
        guard let box = Outline.boundingBox(of: components),
            Double(max(box.width, box.height)) >= max(3, options.minimumDigitShare * Double(min(gray.width, gray.height)))
        else {
            throw .noDigit(file: source)
        }
        let mask = labelled.mask(keeping: components)
        if options.refuseSeveralDigits, let halves = JoinedDigits.split(inkCrop(mask, box)) {
            throw .severalDigits(file: source, boxes: halves.map { $0.offsetBy(box.x, box.y) })
        }
        let outline = Outline.boundary(mask, within: box)
        let inkSource = InkSource(gray: gray, mask: mask, intensity: separation.intensityTable)
        let (scaled, report) = scaleIntoBox(inkSource, box: box, options: options)
        let (field, placement) = Centering.place(scaled, side: options.fieldSide)
        return PreprocessedDigit(
            source: source, canvas: canvas, canvasColour: colour, gray: gray, separation: separation,
            inkMask: mask, components: components, outline: outline, boundingBox: box,
            strokeWidth: report, box: scaled, placement: placement, field: field)
    }

    /// Stages 2–7 for a photographed page: the page is shrunk to its working plane, the ink
    /// comes from the light-corrected darkness plane (`PhotoInk`), then components, specks,
    /// box, scaling and centring as for a canvas. The mask, components, outline and box are
    /// reported in canvas pixels (enlarged from the working plane).
    static func runPhoto(
        canvas: Canvas, colour: RGB8, gray: Plane<UInt8>, source: String,
        options: PreprocessingOptions
    ) throws(PreprocessingError) -> PreprocessedDigit {
        let plane = WorkingPlane(canvasWidth: gray.width, canvasHeight: gray.height, side: options.photoWorkingSide)
        let work = plane.shrink(gray)
        let (separated, ink) = PhotoInk.separate(work)
        var photo = separated
        photo.plane = plane
        let isInk = (0..<256).map { $0 == 1 }
        let labelled = Components.label(Plane(width: ink.width, height: ink.height, pixels: ink.pixels.map { $0 ? 1 : 0 }), ink: isInk)
        let offPage = photo.offPagePieces(labelled)
        let components = photoComponents(
            labelled.components, width: work.width, height: work.height, offPage: offPage, rule: options.speckRule)
        photo.markOffPage(labelled, offPage: offPage, kept: components.map(\.kept))
        if options.refuseSeveralDigits {
            // Every piece on the page away from the border counts here, not only those kept near the largest.
            let inner = labelled.components.filter {
                $0.bounds.x > 0 && $0.bounds.y > 0 && $0.bounds.maxX < work.width && $0.bounds.maxY < work.height
                    && !offPage[Int($0.label)]
            }
            let kept = components.filter(\.kept)
            let groups = DigitGroups.find(
                inner, digit: (kept.map(\.area).max() ?? 0, Outline.boundingBox(of: kept) ?? PixelRect(x: 0, y: 0, width: 0, height: 0))
            )
            if groups.count > 1 { throw .severalDigits(file: source, boxes: groups.map(plane.canvasRect)) }
        }
        guard let box = Outline.boundingBox(of: components),
            Double(max(box.width, box.height)) >= max(3, options.minimumDigitShare * Double(min(work.width, work.height)))
        else {
            throw .noDigit(file: source)
        }
        let mask = labelled.mask(keeping: components)
        var sum = 0.0, count = 0
        for i in mask.pixels.indices where mask.pixels[i] == 1 { sum += Double(photo.darkness.pixels[i]); count += 1 }
        let inkLevel = sum / Double(max(1, count))
        guard inkLevel >= options.minimumContrast else { throw .noDigit(file: source) }
        let separation = InkSeparation(
            threshold: photo.lowThreshold - 1, inkIsDark: photo.illumination.inkIsDark,
            backgroundLevel: 0, inkLevel: inkLevel, inkPixels: count, decidedByBorder: false)
        var inkSource = InkSource(gray: photo.darkness, mask: mask, intensity: separation.intensityTable)
        var scaleBox = box
        if abs(photo.tilt) >= options.minimumDeskew,
            let upright = UprightInk.make(darkness: photo.darkness, mask: mask, box: box, tilt: photo.tilt)
        {
            photo.upright = upright
            inkSource = InkSource(gray: upright.darkness, mask: upright.mask, intensity: separation.intensityTable)
            scaleBox = upright.box
        }
        if options.refuseSeveralDigits, let halves = JoinedDigits.split(inkCrop(inkSource.mask, scaleBox)) {
            // Boxes in the working plane (turned back from the upright frame), then in canvas pixels.
            let boxes = halves.map { r -> PixelRect in
                let inFrame = r.offsetBy(scaleBox.x, scaleBox.y)
                return plane.canvasRect(photo.upright?.pageRect(inFrame, width: work.width, height: work.height) ?? inFrame)
            }
            throw .severalDigits(file: source, boxes: boxes)
        }
        let (scaled, report) = scaleIntoBox(inkSource, box: scaleBox, options: options)
        let (field, placement) = Centering.place(scaled, side: options.fieldSide)
        let canvasMask = plane.enlarge(mask)
        let canvasBox = plane.canvasRect(box)
        return PreprocessedDigit(
            source: source, canvas: canvas, canvasColour: colour, gray: gray, separation: separation,
            inkMask: canvasMask, components: components.map(plane.canvasComponent),
            outline: Outline.boundary(canvasMask, within: canvasBox),
            boundingBox: canvasBox, strokeWidth: report, box: scaled, placement: placement, field: field, photo: photo)
    }

    /// Which ink components of a photo are the digit: pieces touching the canvas border (the
    /// desk, fingers, lines running out of the frame) or lying mostly off the page (`offPage`,
    /// per component: the desk's grain along the page edge) are left out unless nothing else
    /// is there; of the rest, the largest and what lies near it are kept, however large the
    /// far pieces are.
    static func photoComponents(
        _ all: [InkComponent], width: Int, height: Int, offPage: [Bool], rule: Components.SpeckRule
    ) -> [InkComponent] {
        let inner = all.filter {
            $0.bounds.x > 0 && $0.bounds.y > 0 && $0.bounds.maxX < width && $0.bounds.maxY < height && !offPage[Int($0.label)]
        }
        var nearOnly = rule
        nearOnly.keepShare = .infinity
        let judged = Components.removeSpecks(inner.isEmpty ? all : inner, rule: nearOnly)
        var result = all.map { c -> InkComponent in
            var c = c; c.kept = false; return c
        }
        for c in judged { result[Int(c.label)].kept = c.kept }
        return result
    }

    /// Stage 5: crop the box and scale it into `boxSide`, normalising stroke width when asked.
    static func scaleIntoBox(
        _ source: InkSource, box: PixelRect,
        options: PreprocessingOptions
    ) -> (Plane<Float>, StrokeWidthReport) {
        let side = options.boxSide
        let fitted = Resample.fittedSize(width: box.width, height: box.height, side: side)
        let scale = Double(side) / Double(max(box.width, box.height))
        let keptCrop = Plane(width: box.width, height: box.height, pixels: crop(source.mask, box).pixels.map { $0 == 1 })
        let (area, edges) = StrokeWidth.areaAndEdges(keptCrop)
        let measured = StrokeWidth.estimate(area: area, edges: edges) * scale
        if let norm = options.strokeNormalisation, !norm.band.contains(measured), measured > 0,
            let result = normalised(keptCrop, measured: measured, fitted: fitted, norm: norm, side: side)
        {
            return result
        }
        let direct = Resample.resize(
            width: box.width, height: box.height,
            targetWidth: fitted.width, targetHeight: fitted.height
        ) { y, row in
            source.fill(row: &row, y: box.y + y, x0: box.x)
        }
        return (direct.clamped(), StrokeWidthReport(measured: measured, result: measured, radius: 0))
    }

    /// Redraws the kept ink on a supersampled grid, grows or shrinks it to the target width,
    /// then area-averages it back into the box.
    static func normalised(
        _ keptCrop: Plane<Bool>, measured: Double, fitted: (width: Int, height: Int),
        norm: StrokeNormalisation, side: Int
    ) -> (Plane<Float>, StrokeWidthReport)? {
        let k = norm.supersample
        let hiW = fitted.width * k, hiH = fitted.height * k
        let coverage = Resample.resize(width: keptCrop.width, height: keptCrop.height, targetWidth: hiW, targetHeight: hiH) { y, row in
            for x in 0..<keptCrop.width { row[x] = keptCrop.pixels[y * keptCrop.width + x] ? 1 : 0 }
        }
        // Thin strokes cover little of each supersampled cell: lower the cut so they survive.
        let cut = Float(min(0.5, max(0.02, 0.5 * measured * Double(k))))
        let pad = Int((norm.target * Double(k)).rounded(.up)) + 2
        var hi = Plane<Bool>(width: hiW + 2 * pad, height: hiH + 2 * pad, repeating: false)
        for y in 0..<hiH { for x in 0..<hiW where coverage[x, y] >= cut { hi[x + pad, y + pad] = true } }
        let (a0, e0) = StrokeWidth.areaAndEdges(hi)
        let before = StrokeWidth.estimate(area: a0, edges: e0)
        guard before > 0 else { return nil }
        var radius = (norm.target * Double(k) - before) / 2
        if radius < 0 { radius = max(radius, -(before / 2 - 1)) }  // never erase a stroke entirely
        let morphed = StrokeWidth.morph(hi, radius: radius)
        let (a1, e1) = StrokeWidth.areaAndEdges(morphed)
        guard a1 > 0, let bounds = trueBounds(morphed) else { return nil }
        let cropped = crop(morphed, bounds)
        let size = Resample.fittedSize(width: bounds.width, height: bounds.height, side: side)
        let scaled = Resample.resize(width: bounds.width, height: bounds.height, targetWidth: size.width, targetHeight: size.height) {
            y, row in
            for x in 0..<cropped.width { row[x] = cropped.pixels[y * cropped.width + x] ? 1 : 0 }
        }
        let hiToBox = Double(side) / Double(max(bounds.width, bounds.height))
        return (
            scaled.clamped(),
            StrokeWidthReport(
                measured: measured, result: StrokeWidth.estimate(area: a1, edges: e1) * hiToBox,
                radius: radius * hiToBox)
        )
    }

    /// The kept ink (mask value 1) inside `box`, as a plane of its own.
    static func inkCrop(_ mask: Plane<UInt8>, _ box: PixelRect) -> Plane<Bool> {
        let c = crop(mask, box)
        return Plane(width: c.width, height: c.height, pixels: c.pixels.map { $0 == 1 })
    }

    /// The sub-plane inside `r`.
    static func crop<T>(_ plane: Plane<T>, _ r: PixelRect) -> Plane<T> {
        var pixels: [T] = []
        pixels.reserveCapacity(r.width * r.height)
        for y in r.y..<r.maxY { pixels.append(contentsOf: plane.pixels[(y * plane.width + r.x)..<(y * plane.width + r.maxX)]) }
        return Plane(width: r.width, height: r.height, pixels: pixels)
    }

    /// Bounding box of the true pixels.
    static func trueBounds(_ mask: Plane<Bool>) -> PixelRect? {
        var minX = mask.width, minY = mask.height, maxX = -1, maxY = -1
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask.pixels[y * mask.width + x] {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else { return nil }
        return PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }
}

/// Reads ink strength from the canvas, keeping only kept components and the anti-aliased
/// fringe touching them (so specks and paper texture contribute nothing).
struct InkSource {
    let gray: Plane<UInt8>
    /// 0 canvas, 1 kept ink, 2 dropped ink.
    let mask: Plane<UInt8>
    let intensity: [Float]

    /// Fills `row` with the ink strength of canvas row `y`, starting at column `x0`.
    func fill(row: inout [Float], y: Int, x0: Int) {
        let w = gray.width, h = gray.height
        gray.pixels.withUnsafeBufferPointer { g in
            mask.pixels.withUnsafeBufferPointer { m in
                intensity.withUnsafeBufferPointer { table in
                    for i in 0..<row.count {
                        let x = x0 + i
                        let p = y * w + x
                        switch m[p] {
                        case 1: row[i] = table[Int(g[p])]
                        case 2: row[i] = 0
                        default:
                            let v = table[Int(g[p])]
                            row[i] = v > 0 && Self.touchesKept(m, x: x, y: y, w: w, h: h) ? v : 0
                        }
                    }
                }
            }
        }
    }

    private static func touchesKept(_ m: UnsafeBufferPointer<UInt8>, x: Int, y: Int, w: Int, h: Int) -> Bool {
        for ny in max(0, y - 1)...min(h - 1, y + 1) {
            for nx in max(0, x - 1)...min(w - 1, x + 1) where m[ny * w + nx] == 1 { return true }
        }
        return false
    }
}

extension Plane where Element == Float {
    /// The same plane with every value clamped into 0…1.
    func clamped() -> Plane<Float> {
        Plane(width: width, height: height, pixels: pixels.map { Swift.min(1, Swift.max(0, $0)) })
    }
}

import DigitNet
import Geometry
import Renderer
import SceneGraph
import Testing

/// The strongest path as receptive fields (`NetworkScene.fieldPath`).
@Suite("Receptive-field path")
struct FieldPathTests {
    /// Cell coordinates (row, column) of a world point on `grid`.
    static func cellCoordinates(_ p: Vec3, _ grid: CellGrid) -> (row: Double, col: Double) {
        let d = p - grid.origin
        return (d.dot(grid.rowStep) / grid.rowStep.dot(grid.rowStep), d.dot(grid.colStep) / grid.colStep.dot(grid.colStep))
    }

    @Test("one step per stage, input first, ending on the predicted output node")
    func shape() throws {
        let (network, trace) = FixedScene.trace()
        let scene = try SceneBuilder.build(network: network, trace: trace)
        let path = scene.fieldPath
        #expect(path.map(\.fromLayer) == Array(0..<(scene.layers.count - 1)))
        let output = try #require(scene.layers.last?.grids.first)
        #expect(path.last?.cell == output.cellCorners(scene.prediction))
    }

    @Test("conv1's cell reads a 5×5 patch centred on it (padding 2); a pooled cell a 2×2 window")
    func windows() throws {
        let (network, trace) = FixedScene.trace()
        let scene = try SceneBuilder.build(network: network, trace: trace)
        let first = try #require(scene.fieldPath.first)
        let input = try #require(scene.layers[0].grids.first)
        let conv1 = scene.layers[1]
        // The conv1 cell: which map and where.
        let cellCentre = first.cell.reduce(Vec3.zero, +) / 4
        let map = try #require(
            conv1.grids.first { g in
                let c = Self.cellCoordinates(cellCentre, g)
                return c.row > 0 && c.row < Double(g.rows) && c.col > 0 && c.col < Double(g.cols)
                    && abs((cellCentre - g.origin).dot(scene.planeNormal)) < 1e-9
            })
        let cell = Self.cellCoordinates(cellCentre, map)
        let (oy, ox) = (Int(cell.row.rounded(.down)), Int(cell.col.rounded(.down)))
        let topLeft = Self.cellCoordinates(first.window[0], input), bottomRight = Self.cellCoordinates(first.window[2], input)
        #expect(abs(topLeft.row - Double(max(oy - 2, 0))) < 1e-9 && abs(topLeft.col - Double(max(ox - 2, 0))) < 1e-9)
        #expect(abs(bottomRight.row - Double(min(oy + 3, 28))) < 1e-9 && abs(bottomRight.col - Double(min(ox + 3, 28))) < 1e-9)
        #expect(
            first.rows == Int((bottomRight.row - topLeft.row).rounded()) && first.cols == Int((bottomRight.col - topLeft.col).rounded()))
        // pool1 reads 2×2 of conv1; pool2 2×2 of conv2.
        #expect(scene.fieldPath[1].rows == 2 && scene.fieldPath[1].cols == 2)
        #expect(scene.fieldPath[3].rows == 2 && scene.fieldPath[3].cols == 2)
        #expect(scene.fieldPath[2].rows <= 5 && scene.fieldPath[2].cols <= 5 && scene.fieldPath[2].rows >= 3)
    }

    @Test("the path is joined: each step's cell lies inside the next step's window, on the same layer")
    func joined() throws {
        let (network, trace) = FixedScene.trace()
        let scene = try SceneBuilder.build(network: network, trace: trace)
        for (step, next) in zip(scene.fieldPath, scene.fieldPath.dropFirst()) {
            #expect(next.fromLayer == step.fromLayer + 1)
            let layer = scene.layers[next.fromLayer]
            guard
                let grid = layer.grids.first(where: { g in
                    next.window.allSatisfy { abs(($0 - g.origin).dot(scene.planeNormal)) < 1e-9 }
                        && {
                            let c = Self.cellCoordinates(next.window[0], g);
                            return c.row >= -1e-9 && c.row <= Double(g.rows) && c.col >= -1e-9 && c.col <= Double(g.cols)
                        }()
                })
            else {
                Issue.record("window of step \(next.fromLayer) is on no grid of \(layer.name)")
                continue
            }
            let lo = Self.cellCoordinates(next.window[0], grid), hi = Self.cellCoordinates(next.window[2], grid)
            for corner in step.cell {
                let c = Self.cellCoordinates(corner, grid)
                #expect(
                    c.row >= lo.row - 1e-9 && c.row <= hi.row + 1e-9 && c.col >= lo.col - 1e-9 && c.col <= hi.col + 1e-9,
                    "cell of step \(step.fromLayer) outside the window of step \(next.fromLayer)")
            }
        }
    }
}

import Geometry
import Testing

@Test func boundsGrowAndReport() {
    var b = Bounds3.empty
    #expect(b.isEmpty && b.corners.isEmpty)
    b.add(Vec3(1, 2, 3)); b.add(Vec3(-1, 0, 5))
    #expect(b.min == Vec3(-1, 0, 3) && b.max == Vec3(1, 2, 5))
    #expect(b.center == Vec3(0, 1, 4) && b.corners.count == 8)
    #expect(b.contains(Vec3(0, 1, 4)) && !b.contains(Vec3(2, 1, 4)))
}

@Test(arguments: [(-35.0, 20.0), (0, 10), (60, 35), (180, 20)])
func fittedCameraKeepsEveryPointInsideTheMargins(yaw: Double, elevation: Double) throws {
    let points = Bounds3(min: Vec3(0, -25, -15), max: Vec3(300, 25, 15)).corners
    let free = ScreenRect(x: 60, y: 170, width: 1920 - 60 - 72, height: 1080 - 170 - 190)
    let camera = Camera.fitting(points, yaw: yaw, elevation: elevation, fovY: 12, width: 1920, height: 1080, free: free)
    #expect(abs(camera.fovY - 12) < 1e-12)
    let p = camera.projector(width: 1920, height: 1080)
    let projected = try points.map { try #require(p.project($0)) }
    let minX = projected.map(\.x).min()!, maxX = projected.map(\.x).max()!
    let minY = projected.map(\.y).min()!, maxY = projected.map(\.y).max()!
    #expect(minX >= 60 - 0.5 && maxX <= 1920 - 72 + 0.5)
    #expect(minY >= 170 - 0.5 && maxY <= 1080 - 190 + 0.5)
    // It fills the free area in at least one direction.
    #expect(abs(minX - 60) < 1 || abs(maxY - (1080 - 190)) < 1 || abs(minY - 170) < 1)
}

@Test func screenRectEdgesContainmentAndOverlap() {
    let r = ScreenRect(x: 10, y: 20, width: 30, height: 40)
    #expect(r.maxX == 40 && r.maxY == 60 && r.midX == 25 && r.midY == 40)
    #expect(r.contains(10, 20) && r.contains(40, 60) && !r.contains(40.5, 30))
    #expect(r.contains(42, 30, margin: 2) && !r.contains(42.5, 30, margin: 2))
    #expect(r.intersects(ScreenRect(x: 39, y: 59, width: 5, height: 5)))
    #expect(!r.intersects(ScreenRect(x: 40, y: 20, width: 5, height: 5)))  // touching edges only
    #expect(r.outset(by: 5) == ScreenRect(x: 5, y: 15, width: 40, height: 50))
}

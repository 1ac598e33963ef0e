import DigitNet
import Foundation

/// The fixed inputs tests share: the repository, the bundled network and one bundled digit.
public enum Fixtures {
    /// The repository root (this file is `Tests/TestSupport/Fixtures.swift`).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixed digit as the command line names it: the bundled drawn 7.
    public static let digitSpec = "sample:7"
    /// Its true class.
    public static let digitClass = 7
    /// The PNG behind `digitSpec`.
    public static let digitFile = repositoryRoot.appendingPathComponent("Scenes/digits/7.png")

    /// The fixed network: the bundled trained weights. Throws (so the test fails, never skips)
    /// when they cannot be loaded.
    public static func network() throws -> Network {
        try Network.bundled()
    }
}

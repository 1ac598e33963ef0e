import Foundation
import TestSupport
import Testing

/// The README's sharding recipes, run as written: the GNU parallel line (with GNU parallel
/// when it is installed, else with a stand-in that runs the same command line through `sh`),
/// the `concat` line, and the batch-scheduler script (`bash -n`, a dry run that shows the
/// arguments one array task passes, and one real task). They run in a scratch folder whose
/// `Scenes/orbit.yaml` is a small orbit with the same frame count as the real one (360 frames
/// at 30 fps), so the recipe's numbers apply unchanged.
@Suite("README sharding recipes", .requiresCNNVizBinary)
struct ShardRecipeTests {
    /// The README's fenced `sh` blocks, in order.
    static func shellBlocks() throws -> [String] {
        let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```sh" {
                current = []
            } else if let block = current, line == "```" {
                blocks.append(block.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The recipe block (the one piping into `parallel`) and the batch script (the one reading
    /// `SLURM_ARRAY_TASK_ID`).
    static func recipes() throws -> (parallel: String, batch: String) {
        let blocks = try shellBlocks()
        guard let parallel = blocks.first(where: { $0.contains("| parallel") }),
            let batch = blocks.first(where: { $0.contains("SLURM_ARRAY_TASK_ID") })
        else { throw RecipeError.missing }
        return (parallel, batch)
    }

    enum RecipeError: Error { case missing, notBuilt }

    /// What one shell script did.
    struct ShellRun {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A scratch folder laid out like the repository for the recipe: a small
    /// `Scenes/orbit.yaml`, an `Output/` folder and `bin/cnnviz` (plus a `parallel` stand-in
    /// when GNU parallel is missing).
    static func workspace(_ name: String) throws -> URL {
        guard let binary = CNNVizBinary.url else { throw RecipeError.notBuilt }
        let root = try ScratchFolder(name).url
        let manager = FileManager.default
        for folder in ["Scenes", "Output", "bin"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let digit = Fixtures.repositoryRoot.appendingPathComponent("Scenes/digits/7.png").path
        let scene = """
            input: \(digit)
            outputs:
              - orbit: { file: Output/orbit.mp4, size: 32x18, fps: 30, seconds: 12 }
            style: { edges: 0 }
            """
        try Data(scene.utf8).write(to: root.appendingPathComponent("Scenes/orbit.yaml"))
        try manager.createSymbolicLink(at: root.appendingPathComponent("bin/cnnviz"), withDestinationURL: binary)
        if !hasGNUParallel {
            // Same contract as `parallel 'CMD'`: one run of CMD per input line, {} replaced.
            let standIn = """
                #!/bin/sh
                while IFS= read -r arg; do
                  sh -c "$(printf '%s' "$1" | sed "s/{}/$arg/g")" || exit 1
                done

                """
            let url = root.appendingPathComponent("bin/parallel")
            try Data(standIn.utf8).write(to: url)
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return root
    }

    /// GNU parallel is used when installed, unless `CNNVIZ_TEST_PARALLEL_STAND_IN=1` asks for
    /// the stand-in (to check the path CI takes on a machine without it).
    static let hasGNUParallel: Bool = {
        if ProcessInfo.processInfo.environment["CNNVIZ_TEST_PARALLEL_STAND_IN"] == "1" { return false }
        guard let result = try? shell("parallel --version", in: URL(fileURLWithPath: "/")) else { return false }
        return result.status == 0 && result.stdout.contains("GNU parallel")
    }()

    /// Runs `script` with bash in `directory`, `bin/` of it first on PATH.
    static func shell(_ script: String, in directory: URL, environment: [String: String] = [:]) throws -> ShellRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        env["PATH"] = directory.appendingPathComponent("bin").path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var errBytes = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBytes = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outBytes = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ShellRun(
            status: process.terminationStatus, stdout: String(decoding: outBytes, as: UTF8.self),
            stderr: String(decoding: errBytes, as: UTF8.self))
    }

    @Test("the GNU parallel recipe renders every slice and concat joins them into the whole video")
    func parallelRecipe() throws {
        let (recipe, _) = try Self.recipes()
        let root = try Self.workspace("parallel")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Self.shell("set -e\n" + recipe, in: root)
        #expect(result.status == 0, "\(Self.hasGNUParallel ? "GNU parallel" : "stand-in"): \(result.stderr)")
        let output = root.appendingPathComponent("Output")
        let slices = ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [])
            .filter { $0.hasPrefix("orbit.frames-") }.sorted()
        #expect(
            slices
                == stride(from: 0, to: 360, by: 30).map {
                    String(format: "orbit.frames-%06d-%06d.mp4", $0, $0 + 30)
                })
        let count = try Self.shell(
            "ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames "
                + "-of csv=p=0 Output/orbit.mp4", in: root)
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "360", "\(count.stderr)")
    }

    @Test("the batch-scheduler script parses, passes A:B per task, and renders its slice")
    func batchRecipe() throws {
        let (_, script) = try Self.recipes()
        let root = try Self.workspace("batch")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("slice.sh")
        try Data(script.utf8).write(to: file)
        let syntax = try Self.shell("bash -n slice.sh", in: root)
        #expect(syntax.status == 0, "\(syntax.stderr)")
        #expect(script.hasPrefix("#!/bin/bash\n#SBATCH --array=0-11\n"))

        // Dry run: a stand-in cnnviz that prints its arguments, one per line.
        let dry = root.appendingPathComponent("dry")
        try FileManager.default.createDirectory(at: dry.appendingPathComponent("bin"), withIntermediateDirectories: true)
        let echo = dry.appendingPathComponent("bin/cnnviz")
        try Data("#!/bin/sh\nprintf '%s\\n' \"$@\"\n".utf8).write(to: echo)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: echo.path)
        let planned = try Self.shell("bash ../slice.sh", in: dry, environment: ["SLURM_ARRAY_TASK_ID": "11"])
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stdout == "render\nScenes/orbit.yaml\n--quiet\n--frames\n330:360\n")

        // One real task.
        let task = try Self.shell("bash slice.sh", in: root, environment: ["SLURM_ARRAY_TASK_ID": "1"])
        #expect(task.status == 0, "\(task.stderr)")
        let slice = root.appendingPathComponent("Output/orbit.frames-000030-000060.mp4")
        #expect(FileManager.default.fileExists(atPath: slice.path))
    }

    @Test("the old README line fails the way the issue describes: the shell eats '<'")
    func oldFormFails() throws {
        let root = try Self.workspace("oldform")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Self.shell("cnnviz render Scenes/orbit.yaml --quiet --frames 0..<$(( 0 + 30 ))", in: root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("30: No such file or directory"), "\(result.stderr)")
    }
}

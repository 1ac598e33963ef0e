/// A failure while doing the work (not a usage error). ArgumentParser prints it as
/// `Error: …` and exits with status 1; usage errors (`ValidationError`) exit with 64.
struct RuntimeFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

import Foundation
import PreceptDiagnostics
import PreceptRules
import PreceptTestSupport
import Testing

/// `extends:` by a bundled pack's name (through ``PackLoadOptions/packSearchPaths``) and
/// `set:` naming a params file.
@Suite struct OverlayLoadingTests {
  @Test func extendsABundledPackByName() throws {
    let base = try TemporaryPack.minimal()
    defer { base.remove() }
    let name = (base.directory as NSString).lastPathComponent
    let folder = (base.directory as NSString).deletingLastPathComponent
    // Not beside the overlay under that name: found only through the search path.
    let moved = NSTemporaryDirectory() + "search-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: moved + "/acme", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: moved) }
    try "precept: 1\npack: acme\nversion: 1.0.0\nextends: \(name)\n".write(
      toFile: moved + "/acme/pack.yaml", atomically: true, encoding: .utf8)
    let (pack, diagnostics) = PackLoader.load(
      moved + "/acme", options: PackLoadOptions(packSearchPaths: [folder]))
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(pack?.lineage.last == "acme")
    #expect(pack?.lineage.count == 2)

    let (_, without) = PackLoader.load(moved + "/acme")
    #expect(without.contains { $0.code == "PRE2007" || $0.code == "PRE2009" })
  }

  @Test func setNamesAParamsFile() throws {
    let base = try TemporaryPack.minimal()
    defer { base.remove() }
    let params = try #require(PackLoader.load(base.directory).pack?.params.first)
    let overlay = NSTemporaryDirectory() + "overlay-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: overlay, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: overlay) }
    try "precept: 1\npack: acme\nversion: 1.0.0\nextends: \(base.directory)\nset: params.yaml\n"
      .write(toFile: overlay + "/pack.yaml", atomically: true, encoding: .utf8)
    try "# only comments\n".write(
      toFile: overlay + "/params.yaml", atomically: true, encoding: .utf8)
    let (empty, emptyDiagnostics) = PackLoader.load(overlay)
    #expect(emptyDiagnostics.isEmpty, "\(emptyDiagnostics)")
    #expect(empty?.param(params.name)?.origin == "default")

    try "\(params.name): nonsense-value\n".write(
      toFile: overlay + "/params.yaml", atomically: true, encoding: .utf8)
    let (_, bad) = PackLoader.load(overlay)
    #expect(
      bad.contains { $0.code == "PRE2105" && $0.range?.file.path.hasSuffix("params.yaml") == true })
  }
}

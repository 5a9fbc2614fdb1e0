import CEL
import Foundation
import PreceptDiagnostics
import PreceptYAML

/// Options for loading a pack: values that override its params.
public struct PackLoadOptions: Sendable {
  /// YAML files mapping param names to values (`--params FILE`), applied in order.
  public var paramFiles: [String]
  /// `name=value` pairs (`--set`), applied last.
  public var setValues: [String]
  /// Folders of bundled packs: `extends: dfe-2026` names the pack `dfe-2026` in one of them
  /// when no folder of that name is next to the overlay.
  public var packSearchPaths: [String]

  public init(
    paramFiles: [String] = [], setValues: [String] = [], packSearchPaths: [String] = []
  ) {
    self.paramFiles = paramFiles
    self.setValues = setValues
    self.packSearchPaths = packSearchPaths
  }
}

/// Loads rule packs from folders: `pack.yaml`, the record schema, `rules/*.yaml`, overlays.
public enum PackLoader {
  /// Loads the pack in `directory` (or the folder of a `pack.yaml` path), with its bases.
  /// - Returns: the pack (`nil` only when nothing usable could be read) and every problem found.
  ///   A pack returned with error diagnostics must not be used to check data.
  public static func load(_ path: String, options: PackLoadOptions = .init())
    -> (pack: RulePack?, diagnostics: [Diagnostic])
  {
    let sink = DiagnosticSink()
    var loader = Loader(sink: sink, searchPaths: options.packSearchPaths)
    var pack = loader.loadPack(at: path, chain: [], extendedFrom: nil)
    if var loaded = pack {
      ParamOverrides(sink: sink, timeZone: loaded.timeZoneValue).apply(options, to: &loaded)
      pack = loaded
    }
    return (pack, sink.diagnostics)
  }

  /// Reads a file as a ``SourceFile``, or reports why it cannot be.
  static func readFile(_ path: String, sink: DiagnosticSink, what: String, at range: SourceRange?)
    -> SourceFile?
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      let reason =
        !exists ? "no such file" : isDirectory.boolValue ? "it is a folder" : "not readable"
      sink.error(.unreadableFile, "cannot read \(what) '\(path)': \(reason)", at: range)
      return nil
    }
    guard let text = String(data: data, encoding: .utf8) else {
      // Pointed at the first byte that is not UTF-8, in the file itself.
      let raw = SourceFile(path: path, bytes: Array(data))
      let offset = raw.firstInvalidUTF8Offset ?? 0
      let byte = offset < raw.bytes.count ? raw.bytes[offset] : 0
      sink.error(
        .unreadableFile,
        "\(what) '\(path)' is not UTF-8 text: byte 0x\(String(byte, radix: 16, uppercase: true)) "
          + "is not valid UTF-8",
        at: .point(raw, offset), help: "save the file as UTF-8")
      return nil
    }
    return SourceFile(path: path, text: text)
  }
}

extension RulePack {
  /// The pack's time zone, falling back to Europe/London.
  public var timeZoneValue: TimeZone {
    TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Europe/London")!
  }
}

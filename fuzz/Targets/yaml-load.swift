// Fuzz target: the YAML loader on arbitrary bytes (tight limits, so alias bombs stay cheap).
import PreceptDiagnostics
import PreceptYAML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let text = String(decoding: bytes, as: UTF8.self)
  let file = SourceFile(path: "fuzz.yaml", text: text)
  let (root, diagnostics) = YAMLLoader.load(file, limits: YAMLLimits(maxNodes: 5_000, maxDepth: 64))
  for d in diagnostics {
    if let range = d.range {
      precondition(range.start <= range.end && range.end <= file.bytes.count + 1, "range past end")
      _ = range.file.position(at: range.start)
    }
    _ = d.description
  }
  if let root { _ = "\(root)" }
  return 0
}

// Fuzz target: a whole check of an arbitrary CSV export against the DfE pack (reading, typing,
// evaluation, explanations). Every record read is evaluated or rejected.
import Foundation
import PreceptEngine
import PreceptInput
import PreceptRules

let pack: CompiledPack = {
  let path = ProcessInfo.processInfo.environment["PRECEPT_FUZZ_PACK"] ?? "Rules/dfe-2026"
  guard let pack = PackCompiler.load(path).pack else { fatalError("cannot load \(path)") }
  return pack
}()
let path = "/dev/shm/precept-fuzz-check-\(ProcessInfo.processInfo.processIdentifier).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
  let options = CheckOptions(
    inputs: [.init(path: path)], now: Date(timeIntervalSince1970: 1_780_000_000))
  guard let report = try? CheckRunner(pack: pack, options: options).run() else { return 0 }
  let s = report.summary
  precondition(s.read == s.evaluated + s.rejected, "records lost: \(s)")
  precondition(s.rejected >= 0 && s.evaluated >= 0)
  let inputErrors = report.findings.filter { $0.kind == .inputError }
  precondition(s.rejected == 0 || !inputErrors.isEmpty, "rejected records without a finding")
  return 0
}

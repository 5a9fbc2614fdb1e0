// Fuzz target: loading and compiling a rule pack. The first byte picks the file the rest of the
// input replaces in a small valid pack: 0 a rule file, 1 pack.yaml, 2 the record schema,
// 3 a second rule file next to the valid one.
import Foundation
import PreceptDiagnostics
import PreceptRules

let base: [String: String] = [
  "pack.yaml": """
    precept: 1
    pack: fuzz-pack
    version: 1.0.0
    title: Fuzz pack
    effective: 2026-04-01
    record: {schema: incident.yaml, id: incident_id, date: occurred_at}
    sources:
      addendum: {title: The addendum}
    params:
      parent_report_within: {type: duration, default: 24h, doc: limit}
    definitions:
      secluded: has(incident.seclusion)
    """,
  "incident.yaml": """
    fields:
      incident_id: {type: string, required: true}
      occurred_at: {type: timestamp, required: true}
      pupil:
        type: object
        fields:
          name: {type: string, personal: true}
          sen_status: {type: enum, values: [none, sen_support, ehcp]}
      seclusion:
        type: object
        fields:
          supervision: {type: enum, values: [continuous, intermittent, none]}
      staff: {type: list, of: {type: object, fields: {id: string}}}
    """,
  "rules/a.yaml": """
    rules:
      - id: T-001
        title: Supervised
        severity: error
        cite: [addendum §7]
        when: secluded
        require: incident.seclusion.supervision == 'continuous'
        message: "supervision was {{ incident.seclusion.supervision }}"
    """,
]

let directory: String = {
  let dir = "/dev/shm/precept-fuzz-pack-\(ProcessInfo.processInfo.processIdentifier)"
  try? FileManager.default.createDirectory(
    atPath: dir + "/rules", withIntermediateDirectories: true)
  return dir
}()

func write(_ relative: String, _ data: Data) {
  FileManager.default.createFile(atPath: directory + "/" + relative, contents: data)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let which = data[0] % 4
  let content = Data(bytes: data + 1, count: size - 1)
  for (relative, text) in base { write(relative, Data(text.utf8)) }
  try? FileManager.default.removeItem(atPath: directory + "/rules/b.yaml")
  switch which {
  case 0: write("rules/a.yaml", content)
  case 1: write("pack.yaml", content)
  case 2: write("incident.yaml", content)
  default: write("rules/b.yaml", content)
  }
  let (pack, diagnostics) = PackCompiler.load(
    directory, options: PackLoadOptions(setValues: ["parent_report_within=8h"]))
  if pack != nil {
    precondition(!diagnostics.contains { $0.severity == .error }, "compiled with errors")
  }
  for d in diagnostics {
    _ = DiagnosticRenderer(options: RenderOptions()).render(d)
  }
  return 0
}

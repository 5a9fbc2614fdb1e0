// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Precept",
  products: [
    .executable(name: "precept", targets: ["precept"]),
    .executable(name: "cel-conformance", targets: ["cel-conformance"]),
    .library(name: "CEL", targets: ["CEL"]),
    .library(name: "PreceptEngine", targets: ["PreceptEngine"]),
    .library(name: "PreceptReporters", targets: ["PreceptReporters"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The Common Expression Language: parser, checker, evaluator. No dependencies.
    .target(name: "CEL"),
    // The CEL conformance-suite runner, shared by the `cel-conformance` tool and the tests.
    .target(name: "CELConformance", dependencies: ["CEL"]),
    .executableTarget(name: "cel-conformance", dependencies: ["CELConformance"]),

    // Problems in user input, and their compiler-style rendering.
    .target(name: "PreceptDiagnostics"),
    // The system libyaml, and a loader that builds a positioned node tree from it.
    .systemLibrary(
      name: "CYaml",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(name: "PreceptYAML", dependencies: ["CYaml", "PreceptDiagnostics"]),
    // Rule packs: model, loader, static checks, rule tests.
    .target(name: "PreceptRules", dependencies: ["CEL", "PreceptYAML", "PreceptDiagnostics"]),
    // Incident-export readers: CSV, JSON, JSON Lines, YAML.
    .target(name: "PreceptInput", dependencies: ["PreceptYAML", "PreceptDiagnostics"]),
    // The evaluator: typing, rules over records, explanations, waivers, aggregates.
    .target(
      name: "PreceptEngine",
      dependencies: ["CEL", "PreceptRules", "PreceptInput", "PreceptDiagnostics", "PreceptYAML"]),
    // Output formats: text, JSON, SARIF, JUnit, GitHub, Markdown, HTML review.
    .target(
      name: "PreceptReporters",
      dependencies: ["PreceptEngine", "PreceptRules", "PreceptDiagnostics"]),
    // The command-line tool: the only target that uses ArgumentParser.
    .executableTarget(
      name: "precept",
      dependencies: [
        "PreceptEngine", "PreceptReporters", "PreceptRules", "PreceptInput", "PreceptDiagnostics",
        "CEL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Helpers shared by the test targets (not a product).
    .target(name: "PreceptTestSupport", dependencies: ["PreceptDiagnostics"]),

    .testTarget(name: "CELTests", dependencies: ["CEL", "CELConformance", "PreceptTestSupport"]),
    .testTarget(
      name: "PreceptDiagnosticsTests", dependencies: ["PreceptDiagnostics", "PreceptTestSupport"],
      resources: [.copy("Snapshots")]),
    .testTarget(name: "PreceptYAMLTests", dependencies: ["PreceptYAML", "PreceptTestSupport"]),
    .testTarget(name: "PreceptRulesTests", dependencies: ["PreceptRules", "PreceptTestSupport"]),
    .testTarget(name: "PreceptInputTests", dependencies: ["PreceptInput", "PreceptTestSupport"]),
    .testTarget(name: "PreceptEngineTests", dependencies: ["PreceptEngine", "PreceptTestSupport"]),
    .testTarget(
      name: "PreceptReportersTests",
      dependencies: ["PreceptReporters", "PreceptEngine", "PreceptRules", "PreceptTestSupport"],
      resources: [.copy("Snapshots")]),
    // Snapshots are read from the source tree (see `assertSnapshot`), not as resources.
    .testTarget(
      name: "PreceptCLITests", dependencies: ["PreceptTestSupport"], exclude: ["Snapshots"]),
  ]
)

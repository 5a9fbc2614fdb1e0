/// The declarations of CEL's standard library and the extension libraries enabled by default
/// (strings, math, optionals; `cel.bind` and the two-variable comprehensions are macros).
///
/// The checker reads the signatures; the compiler calls the implementations.
public enum StandardLibrary {
  /// Every standard function by name.
  public static let functions: [String: FunctionDecl] = {
    var table: [String: FunctionDecl] = [:]
    let all =
      arithmeticFunctions + comparisonFunctions + stringFunctions + listFunctions
      + conversionFunctions + timeFunctions + stringExtFunctions + mathExtFunctions
      + optionalFunctions
    for decl in all {
      if var existing = table[decl.name] {
        existing.merge(decl)
        table[decl.name] = existing
      } else {
        table[decl.name] = decl
      }
    }
    return table
  }()
}

/// Shorthand for a declaration.
func function(_ name: String, _ overloads: Overload...) -> FunctionDecl {
  FunctionDecl(name: name, overloads: overloads)
}

let typeA = CELType.typeParam("A")
let typeB = CELType.typeParam("B")

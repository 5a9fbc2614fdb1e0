/// List functions beyond the operators (the list extension's `reverse` lives with the string
/// extension's overloads, see ``StringsExt``).
let listFunctions: [FunctionDecl] = []

/// Map functions beyond the operators and `size` (none in the standard library).
let mapFunctions: [FunctionDecl] = []

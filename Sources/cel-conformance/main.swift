print("cel-conformance: not built yet")

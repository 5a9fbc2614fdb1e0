print("precept: not built yet")

"""Decision views as pure functions over the catalogue: comparison, coverage, regions."""

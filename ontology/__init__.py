"""chidao ontology package."""

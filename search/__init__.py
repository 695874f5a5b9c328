"""chidao search package."""

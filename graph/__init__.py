"""chidao graph package."""

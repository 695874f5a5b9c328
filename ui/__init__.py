"""chidao ui package."""

"""Reading Vietnamese directive documents: load, clean, extract and resolve references."""

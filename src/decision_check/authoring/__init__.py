"""Authoring help: writing and editing decision records (``doc add``'s in-place YAML edit)."""

"""One adapter per vendor. Adapters never import each other: what they share lives in the core."""

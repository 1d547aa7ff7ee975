"""Maintainer tooling that runs the facade (so it cannot live in generator/, which never imports storefronts)."""

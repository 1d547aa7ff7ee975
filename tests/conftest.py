"""Shared test configuration."""

# pytester runs small pytest sessions in a temp dir: the sandbox plugin and README examples are tested that way.
pytest_plugins = ["pytester"]

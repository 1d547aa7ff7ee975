"""storefront-clients: one typed client for orders on bitbybit, Salesive and LaunchMyStore."""

from ._version import __version__

__all__ = ["__version__"]

"""Turns the vendors' OpenAPI documents in ``specs/`` into the client packages in ``generated/``.

Run as ``python -m generator`` (``make generate``); ``python -m generator --check`` is ``make check-generated``.
This package never imports ``storefronts`` or the generated clients: it reads specs and writes code.
"""

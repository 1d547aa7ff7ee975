"""One module per sandbox vendor, named after the vendor's value (``Vendor.SALESIVE`` -> ``salesive.py``), each
declaring one :class:`~storefronts.testing._vendors.VendorSandbox` subclass whose ``name`` is that value.

Nothing lists them: :func:`storefronts.testing._vendors.sandbox_class` imports a vendor's module on first use.
"""

# Generated from specs/sources.yaml by `make generate` (generator/_generate.py). Do not edit: add a vendor
# to specs/sources.yaml and regenerate.
"""The vendors storefronts speaks to, one per entry of ``specs/sources.yaml``: re-exported by
``storefronts`` as its public ``Vendor`` and ``VendorName``."""

import enum
from typing import Literal


class Vendor(enum.StrEnum):
    """The platforms storefronts speaks to."""

    BITBYBIT = "bitbybit"
    SALESIVE = "salesive"
    LAUNCHMYSTORE = "launchmystore"


# The string form accepted wherever a Vendor is, as a Literal so that a type checker rejects a typo
VendorName = Literal[
    "bitbybit",
    "salesive",
    "launchmystore",
]

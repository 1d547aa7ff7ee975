"""What ``import storefronts`` loads: nothing of a vendor until that vendor is used (issue 7, import cost).

Each check runs in a fresh interpreter, where ``sys.modules`` starts empty of everything the test run has imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.vendors import VENDORS
from tests.vendors import table

_VENDOR_PACKAGES = ("storefronts_generated", *(f"storefronts_generated.{vendor}" for vendor in VENDORS))

_SCRIPT = """
import json, sys

def loaded():
    return sorted(name for name in ("attr", "attrs", *{packages!r}) if name in sys.modules)

import storefronts
after_import = loaded()
client = storefronts.Client({vendor!r}, api_key={api_key!r}, base_url="http://127.0.0.1:9")
after_client = loaded()
client.close()
print(json.dumps({{"after_import": after_import, "after_client": after_client}}))
"""


def _modules_loaded(vendor: str) -> dict[str, list[str]]:
    script = _SCRIPT.format(packages=_VENDOR_PACKAGES, vendor=vendor, api_key=table(vendor).api_key)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded: dict[str, list[str]] = json.loads(result.stdout)
    return loaded


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_vendor_package_loads_with_the_first_client_of_that_vendor_alone(vendor: str) -> None:
    loaded = _modules_loaded(vendor)
    # the namespace comes with the facade (its _vendors module is the generated Vendor enum), no client does; attrs
    # too: the Order models are dataclasses, so attrs comes only with a generated client, which needs it
    assert loaded["after_import"] == ["storefronts_generated"]
    assert loaded["after_client"] == sorted(
        ["attr", "attrs", "storefronts_generated", f"storefronts_generated.{vendor}"]
    )

"""Request constraints from the vendor's spec, as the facade reports them.

The generated request models check the constraints their spec declares when they are built (maxLength, pattern,
minimum, ... : ``generator/templates/model.py.jinja`` change 5) and raise the generated package's
``errors.RequestConstraintError``. Here, at the one place the core builds a body, that becomes the facade's
``InvalidUpdateError``, naming the ``update_order`` argument (not the vendor's field) and the constraint.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from ._adapter import VendorAdapter
from .errors import InvalidUpdateError, StorefrontError


def build_body(adapter: VendorAdapter, updates: Mapping[str, Any]) -> Any:
    """``adapter.build_body(updates)``, with a spec constraint's violation as an InvalidUpdateError."""
    try:
        return adapter.build_body(updates)
    except StorefrontError:
        raise
    except ValueError as exc:
        # looked up only on this path: a call that meets every constraint pays nothing for the check
        errors = importlib.import_module(f"{adapter.generated_package.__name__}.errors")
        if not isinstance(exc, errors.RequestConstraintError):
            raise
        argument = _argument_of(adapter, updates, errors.RequestConstraintError)
        raise InvalidUpdateError(
            argument or exc.field,
            f"{adapter.vendor.value}'s API refuses it: its field `{exc.field}` {exc.reason}",
        ) from exc


def _argument_of(adapter: VendorAdapter, updates: Mapping[str, Any], error: type[Exception]) -> str | None:
    """The update_order argument whose value breaks the constraint: the one whose body alone fails."""
    for name, value in updates.items():
        try:
            adapter.build_body({name: value})
        except error:
            return name
        except Exception:  # noqa: S112 - another argument's own rule (one that needs a partner): not the culprit
            continue
    return None

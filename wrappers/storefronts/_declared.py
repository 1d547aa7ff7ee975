"""The lookup behind both lazy registries: a vendor's adapter (``storefronts/vendors/<vendor>.py``) and its sandbox
(``storefronts/testing/_sandboxes/<vendor>.py``) are each the one class its module declares for the vendor."""

from __future__ import annotations

import importlib
from typing import TypeVar

_C = TypeVar("_C")


def declared_class(module_name: str, base: type[_C], attribute: str, value: object, *, missing: str) -> type[_C]:
    """The one subclass of ``base`` that module ``module_name`` itself declares with ``attribute == value``.

    Raises RuntimeError, with ``missing`` as the message, when there is no such module (a module it imports that is
    missing is not ours to explain and propagates), and when the module declares none or several such classes.
    """
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise RuntimeError(missing) from None
    found: list[type[_C]] = [
        declared
        for declared in vars(module).values()
        if isinstance(declared, type)
        and issubclass(declared, base)
        and declared.__module__ == module_name
        and getattr(declared, attribute, None) == value
    ]
    if len(found) != 1:
        raise RuntimeError(
            f"{module_name} must declare one {base.__name__} with {attribute} {value!r}, found {len(found)}"
        )
    return found[0]

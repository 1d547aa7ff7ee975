"""The parts of a vendor's table that the generated-client suites read (tests/generated): what its generated package
is called, what its spec says the request and the responses look like, and where to poke the parsed models.

Written by hand from the vendor's spec, like the rest of the table: these suites test the generated package
directly, so its module, model and attribute names are part of what the table expects.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

JsonPath = tuple[str | int, ...]
Read = Callable[[Any], Any]


@dataclass(frozen=True)
class Probe:
    """A place in a response body (``json_path``) and where the parsed model keeps it (``read``)."""

    json_path: JsonPath
    read: Read

    def __str__(self) -> str:
        return ".".join(map(str, self.json_path))


@dataclass(frozen=True)
class GeneratedClient:
    """One generated client and what its spec says: the auth header, a request, responses and where to poke them."""

    package: str
    """The generated package's import name (``storefronts_generated.<vendor>``)."""
    auth_header: str
    """The request header the credential travels in (lower case)."""
    auth_format: str
    """That header's value around the token: ``{token}`` stands for it."""
    body_model: str
    """The request body model's name ..."""
    body_kwargs: Callable[[types.ModuleType], dict[str, Any]]
    """... keyword arguments for it (given the package's ``models`` module) ..."""
    body_json: Mapping[str, Any]
    """... and the JSON that must arrive for them: exactly the fields set."""
    example_200: Mapping[str, Any] | None
    """A 200 body; None: the one the spec documents (``PUT /orders/{id}`` 200 ``example``). A vendor whose spec
    documents none gets one here that sets every property of the response schema (checked against the spec)."""
    check_example: Callable[[types.ModuleType, Any], None]
    """Asserts what the parsed 200 example must hold, given the package's ``models`` module."""
    read_order: Read
    """The order model inside a parsed 200."""
    order_model: str
    success_model: str
    error_model: str
    read_error_text: Read
    """The vendor's error text, as a tuple, from a parsed error body."""
    documented_404: tuple[Any, Any]
    """What :attr:`read_error_text` gives for the spec's documented 404 example."""
    allowed_nulls: tuple[Probe, ...]
    """Fields the spec lets be null."""
    unexpected_nulls: tuple[Probe, ...]
    """Fields the spec does not let be null (kept as None, not raised)."""
    wrong_types: tuple[tuple[Probe, Any], ...]
    """Fields with a value of a type the spec does not allow (kept as received)."""
    missing_keys: tuple[Probe, ...]
    """Keys that may be left out of a response (read as UNSET)."""
    enum_fields: tuple[Probe, ...]
    """Response fields with an enum (or, for a vendor without, a status string) where an unknown value is kept."""
    request_enum_models: tuple[str, ...] = ()
    """Request-body models with an enum field named ``status`` (an unknown value is refused)."""
    response_enums: bool = True
    """Whether the response models have enum-typed fields at all (Salesive's statuses are plain strings)."""
    nullable_response_enums: frozenset[str] = frozenset()
    """``Model.field`` names of response enums that are ``anyOf: [Enum, null]``: a union, not an enum property."""
    unknown_error_code: tuple[Mapping[str, Any], tuple[Any, Any]] | None = None
    """An error body whose code the spec's closed list of codes lacks, and what :attr:`read_error_text` gives for
    it (None: the vendor's errors have no list of codes)."""

    def auth_value(self, token: str) -> str:
        return self.auth_format.format(token=token)


@dataclass(frozen=True)
class ConstraintCase:
    """``update_order`` arguments for a client generated from a constrained spec, and the argument and constraint
    the ``InvalidUpdateError`` must name (both None: within every constraint, so it must be sent)."""

    arguments: Mapping[str, Any]
    field: str | None = None
    constraint: str | None = None


@dataclass(frozen=True)
class RequestConstraints:
    """Request constraints a test adds to the vendor's spec (the real specs declare none) and what they refuse.

    Money (``shipping_cost``, ``discount``) is written as strings: the cases travel as JSON to a subprocess, which
    passes them to ``update_order`` as Decimals."""

    constrain: Callable[[dict[str, Any]], None]
    """Adds the constraints to a copy of the vendor's parsed spec, in place."""
    cases: tuple[ConstraintCase, ...]
    """At least one case per constraint added, and one within all of them."""
    model_check: tuple[str, Mapping[str, Any], str] | None = None
    """(request model, keyword arguments breaking one constraint, ``"<field> <constraint> <limit> | <message>"``
    of the generated layer's RequestConstraintError), for the generated model on its own."""

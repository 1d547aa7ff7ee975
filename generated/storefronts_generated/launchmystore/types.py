# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
"""Contains some shared types for properties"""

from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define, field


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


class _NotParsed:
    """The body has not been parsed yet (``None`` is a parse result: an error body that is not JSON)."""


_NOT_PARSED = _NotParsed()


@define
class Response(Generic[T]):
    """A response from an endpoint

    ``parsed`` is the body read into the endpoint's models, on first access; a body that cannot be read raises
    ``errors.ResponseParseError`` then, and again on each later access.
    """

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    _parse: Callable[[], T | None] = field(alias="parse", repr=False, eq=False)
    _parsed: T | None | _NotParsed = field(init=False, default=_NOT_PARSED, repr=False, eq=False)

    @property
    def parsed(self) -> T | None:
        if isinstance(self._parsed, _NotParsed):
            self._parsed = self._parse()
        return self._parsed


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]

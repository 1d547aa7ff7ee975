"""``prepare_update``: what ``update_order`` would send, without sending it.

It runs the same validation (``BaseClient._prepare``) and builds the body with the same generated code the
endpoint sends it with (the endpoint module's own ``_get_kwargs``), so the plan cannot differ from the request.
"""

from __future__ import annotations

import dataclasses
import json as _json
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ._rooted import USER_AGENT

if TYPE_CHECKING:
    from ._base_client import BaseClient, PreparedUpdate

MASK = "[masked]"
"""What stands for the credential in a plan's headers."""


@dataclasses.dataclass(frozen=True, slots=True)
class PreparedRequest:
    """The request ``update_order`` would send for the same arguments; ``prepare_update`` returns it unsent.

    Attributes:
        method: the HTTP method (``"PUT"``).
        url: the full URL, order id percent-encoded as it would be sent.
        headers: the headers storefronts sets (read-only), the credential's value masked (its scheme kept, as
            in ``Bearer [masked]``); httpx adds its own (``Content-Length``, ``Accept``...) when sending.
        json: the JSON body, as Python values (a fresh copy on each access, so the plan cannot be changed).
    """

    method: str
    url: str
    headers: Mapping[str, str]
    body: str = dataclasses.field(repr=False)

    @property
    def json(self) -> Any:
        return _json.loads(self.body)

    def __repr__(self) -> str:
        return f"PreparedRequest(method={self.method!r}, url={self.url!r}, json={self.json!r})"


def describe(client: BaseClient, call: PreparedUpdate) -> PreparedRequest:
    """The request of ``call`` as the client's generated endpoint would build it."""
    kwargs = client._adapter.endpoint._get_kwargs(call.order_id, body=call.body)
    generated = client._generated_client()
    prefix = generated.prefix
    headers = {
        **kwargs.get("headers", {}),
        generated.auth_header_name: f"{prefix} {MASK}" if prefix else MASK,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
    return PreparedRequest(
        method=kwargs["method"].upper(),
        url=client.base_url.rstrip("/") + kwargs["url"],
        headers=MappingProxyType(headers),
        body=_json.dumps(kwargs["json"], ensure_ascii=False, allow_nan=False),
    )

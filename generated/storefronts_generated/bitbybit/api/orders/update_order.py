# Generated from specs/bitbybit.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
import functools
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.update_order_body import UpdateOrderBody
from ...models.update_order_response_200 import UpdateOrderResponse200
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: UpdateOrderBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/orders/{id}".format(
            id=quote(str(id), safe="") if str(id) not in {".", ".."} else str(id).replace(".", "%2E"),
        ),
    }

    _kwargs["json"] = body.to_dict()

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | UpdateOrderResponse200 | None:
    if response.status_code == 200:
        response_200 = UpdateOrderResponse200.from_dict(errors.read_json_object(response))

        return response_200

    if response.status_code == 404:
        _body = errors.read_json_object_or_none(response)
        if _body is None:
            return None
        response_404 = Error.from_dict(_body)

        return response_404

    _body = errors.read_json_object_or_none(response)
    if _body is None:
        return None
    response_default = Error.from_dict(_body)

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | UpdateOrderResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code)
        if response.status_code in HTTPStatus._value2member_map_
        else cast(HTTPStatus, response.status_code),
        content=response.content,
        headers=response.headers,
        parse=functools.partial(_parse_response, client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateOrderBody,
) -> Response[Error | UpdateOrderResponse200]:
    """Update an order

     Update order status, fulfillment status, or notes.

    Args:
        id (str):
        body (UpdateOrderBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UpdateOrderResponse200]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    if isinstance(client, AuthenticatedClient):
        kwargs["headers"] = {**kwargs.get("headers", {}), client.auth_header_name: client.auth_header_value}

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateOrderBody,
) -> Error | UpdateOrderResponse200 | None:
    """Update an order

     Update order status, fulfillment status, or notes.

    Args:
        id (str):
        body (UpdateOrderBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UpdateOrderResponse200
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateOrderBody,
) -> Response[Error | UpdateOrderResponse200]:
    """Update an order

     Update order status, fulfillment status, or notes.

    Args:
        id (str):
        body (UpdateOrderBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UpdateOrderResponse200]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    if isinstance(client, AuthenticatedClient):
        kwargs["headers"] = {**kwargs.get("headers", {}), client.auth_header_name: client.auth_header_value}

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateOrderBody,
) -> Error | UpdateOrderResponse200 | None:
    """Update an order

     Update order status, fulfillment status, or notes.

    Args:
        id (str):
        body (UpdateOrderBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UpdateOrderResponse200
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed

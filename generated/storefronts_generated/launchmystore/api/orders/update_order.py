# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
import functools
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.order_response import OrderResponse
from ...models.update_order_request import UpdateOrderRequest
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: UpdateOrderRequest,
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


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | OrderResponse | None:
    if response.status_code == 200:
        response_200 = OrderResponse.from_dict(errors.read_json_object(response))

        return response_200

    if response.status_code == 401:
        _body = errors.read_json_object_or_none(response)
        if _body is None:
            return None
        response_401 = Error.from_dict(_body)

        return response_401

    if response.status_code == 403:
        _body = errors.read_json_object_or_none(response)
        if _body is None:
            return None
        response_403 = Error.from_dict(_body)

        return response_403

    if response.status_code == 404:
        _body = errors.read_json_object_or_none(response)
        if _body is None:
            return None
        response_404 = Error.from_dict(_body)

        return response_404

    if response.status_code == 409:
        _body = errors.read_json_object_or_none(response)
        if _body is None:
            return None
        response_409 = Error.from_dict(_body)

        return response_409

    if response.status_code == 422:
        _body = errors.read_json_object_or_none(response)
        if _body is None:
            return None
        response_422 = Error.from_dict(_body)

        return response_422

    _body = errors.read_json_object_or_none(response)
    if _body is None:
        return None
    response_default = Error.from_dict(_body)

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | OrderResponse]:
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
    body: UpdateOrderRequest,
) -> Response[Error | OrderResponse]:
    """Update Order

     Updates an existing order. Only certain fields can be modified after order creation. Documented
    notes: line items cannot be modified after order creation; financial status can only be changed
    through payment or refund operations; fulfillment status is managed through the Fulfill Order
    endpoint; orders that are already shipped may have restrictions on address changes.

    Args:
        id (str):
        body (UpdateOrderRequest): The fields of an order that can be changed after creation.
            Documented: "Only certain fields can be modified after order creation", and the seven body
            fields below; financial status and fulfillment status cannot be changed here
            (payments/refunds and the Fulfill Order endpoint manage them), nor can line items. Ours:
            `additionalProperties: false`, so the client cannot send a field the page does not list;
            no field is required, because the page marks none as required and its example sends only
            some of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OrderResponse]
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
    body: UpdateOrderRequest,
) -> Error | OrderResponse | None:
    """Update Order

     Updates an existing order. Only certain fields can be modified after order creation. Documented
    notes: line items cannot be modified after order creation; financial status can only be changed
    through payment or refund operations; fulfillment status is managed through the Fulfill Order
    endpoint; orders that are already shipped may have restrictions on address changes.

    Args:
        id (str):
        body (UpdateOrderRequest): The fields of an order that can be changed after creation.
            Documented: "Only certain fields can be modified after order creation", and the seven body
            fields below; financial status and fulfillment status cannot be changed here
            (payments/refunds and the Fulfill Order endpoint manage them), nor can line items. Ours:
            `additionalProperties: false`, so the client cannot send a field the page does not list;
            no field is required, because the page marks none as required and its example sends only
            some of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OrderResponse
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
    body: UpdateOrderRequest,
) -> Response[Error | OrderResponse]:
    """Update Order

     Updates an existing order. Only certain fields can be modified after order creation. Documented
    notes: line items cannot be modified after order creation; financial status can only be changed
    through payment or refund operations; fulfillment status is managed through the Fulfill Order
    endpoint; orders that are already shipped may have restrictions on address changes.

    Args:
        id (str):
        body (UpdateOrderRequest): The fields of an order that can be changed after creation.
            Documented: "Only certain fields can be modified after order creation", and the seven body
            fields below; financial status and fulfillment status cannot be changed here
            (payments/refunds and the Fulfill Order endpoint manage them), nor can line items. Ours:
            `additionalProperties: false`, so the client cannot send a field the page does not list;
            no field is required, because the page marks none as required and its example sends only
            some of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OrderResponse]
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
    body: UpdateOrderRequest,
) -> Error | OrderResponse | None:
    """Update Order

     Updates an existing order. Only certain fields can be modified after order creation. Documented
    notes: line items cannot be modified after order creation; financial status can only be changed
    through payment or refund operations; fulfillment status is managed through the Fulfill Order
    endpoint; orders that are already shipped may have restrictions on address changes.

    Args:
        id (str):
        body (UpdateOrderRequest): The fields of an order that can be changed after creation.
            Documented: "Only certain fields can be modified after order creation", and the seven body
            fields below; financial status and fulfillment status cannot be changed here
            (payments/refunds and the Fulfill Order endpoint manage them), nor can line items. Ours:
            `additionalProperties: false`, so the client cannot send a field the page does not list;
            no field is required, because the page marks none as required and its example sends only
            some of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OrderResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed

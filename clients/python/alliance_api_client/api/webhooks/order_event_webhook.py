from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.event_accepted import EventAccepted
from ...models.order_event_schema_request import OrderEventSchemaRequest
from ...types import Response


def _get_kwargs(
    merchant_id: int,
    *,
    body: OrderEventSchemaRequest,
    webhook_id: str,
    webhook_signature: str,
    webhook_timestamp: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["webhook-id"] = webhook_id

    headers["webhook-signature"] = webhook_signature

    headers["webhook-timestamp"] = webhook_timestamp

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/webhooks/merchants/{merchant_id}/order-events/".format(
            merchant_id=quote(str(merchant_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | EventAccepted | None:
    if response.status_code == 202:
        response_202 = EventAccepted.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | EventAccepted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    merchant_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: OrderEventSchemaRequest,
    webhook_id: str,
    webhook_signature: str,
    webhook_timestamp: str,
) -> Response[ErrorResponse | EventAccepted]:
    """A merchant's store reports an order event (Standard Webhooks signed). The event is
    stored in the inbox and acknowledged with 202; a worker applies it.

    Args:
        merchant_id (int):
        webhook_id (str):
        webhook_signature (str):
        webhook_timestamp (str):
        body (OrderEventSchemaRequest): One order event: the full snapshot of the order
            (docs/webhooks.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | EventAccepted]
    """

    kwargs = _get_kwargs(
        merchant_id=merchant_id,
        body=body,
        webhook_id=webhook_id,
        webhook_signature=webhook_signature,
        webhook_timestamp=webhook_timestamp,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    merchant_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: OrderEventSchemaRequest,
    webhook_id: str,
    webhook_signature: str,
    webhook_timestamp: str,
) -> ErrorResponse | EventAccepted | None:
    """A merchant's store reports an order event (Standard Webhooks signed). The event is
    stored in the inbox and acknowledged with 202; a worker applies it.

    Args:
        merchant_id (int):
        webhook_id (str):
        webhook_signature (str):
        webhook_timestamp (str):
        body (OrderEventSchemaRequest): One order event: the full snapshot of the order
            (docs/webhooks.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | EventAccepted
    """

    return sync_detailed(
        merchant_id=merchant_id,
        client=client,
        body=body,
        webhook_id=webhook_id,
        webhook_signature=webhook_signature,
        webhook_timestamp=webhook_timestamp,
    ).parsed


async def asyncio_detailed(
    merchant_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: OrderEventSchemaRequest,
    webhook_id: str,
    webhook_signature: str,
    webhook_timestamp: str,
) -> Response[ErrorResponse | EventAccepted]:
    """A merchant's store reports an order event (Standard Webhooks signed). The event is
    stored in the inbox and acknowledged with 202; a worker applies it.

    Args:
        merchant_id (int):
        webhook_id (str):
        webhook_signature (str):
        webhook_timestamp (str):
        body (OrderEventSchemaRequest): One order event: the full snapshot of the order
            (docs/webhooks.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | EventAccepted]
    """

    kwargs = _get_kwargs(
        merchant_id=merchant_id,
        body=body,
        webhook_id=webhook_id,
        webhook_signature=webhook_signature,
        webhook_timestamp=webhook_timestamp,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    merchant_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: OrderEventSchemaRequest,
    webhook_id: str,
    webhook_signature: str,
    webhook_timestamp: str,
) -> ErrorResponse | EventAccepted | None:
    """A merchant's store reports an order event (Standard Webhooks signed). The event is
    stored in the inbox and acknowledged with 202; a worker applies it.

    Args:
        merchant_id (int):
        webhook_id (str):
        webhook_signature (str):
        webhook_timestamp (str):
        body (OrderEventSchemaRequest): One order event: the full snapshot of the order
            (docs/webhooks.md).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | EventAccepted
    """

    return (
        await asyncio_detailed(
            merchant_id=merchant_id,
            client=client,
            body=body,
            webhook_id=webhook_id,
            webhook_signature=webhook_signature,
            webhook_timestamp=webhook_timestamp,
        )
    ).parsed

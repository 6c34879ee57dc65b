from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.order_events_list_ordering_item import OrderEventsListOrderingItem
from ...models.order_events_list_source import OrderEventsListSource
from ...models.order_events_list_status import OrderEventsListStatus
from ...models.paginated_order_event_list import PaginatedOrderEventList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    order_id: str | Unset = UNSET,
    ordering: list[OrderEventsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    source: OrderEventsListSource | Unset = UNSET,
    status: OrderEventsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["order_id"] = order_id

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["page"] = page

    params["page_size"] = page_size

    json_source: str | Unset = UNSET
    if not isinstance(source, Unset):
        json_source = source.value

    params["source"] = json_source

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/order-events/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedOrderEventList | None:
    if response.status_code == 200:
        response_200 = PaginatedOrderEventList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | PaginatedOrderEventList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    order_id: str | Unset = UNSET,
    ordering: list[OrderEventsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    source: OrderEventsListSource | Unset = UNSET,
    status: OrderEventsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedOrderEventList]:
    """The inbox: every event a merchant's store sent, with whether it was applied.

    Args:
        order_id (str | Unset):
        ordering (list[OrderEventsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        source (OrderEventsListSource | Unset):
        status (OrderEventsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedOrderEventList]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        ordering=ordering,
        page=page,
        page_size=page_size,
        source=source,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    order_id: str | Unset = UNSET,
    ordering: list[OrderEventsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    source: OrderEventsListSource | Unset = UNSET,
    status: OrderEventsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedOrderEventList | None:
    """The inbox: every event a merchant's store sent, with whether it was applied.

    Args:
        order_id (str | Unset):
        ordering (list[OrderEventsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        source (OrderEventsListSource | Unset):
        status (OrderEventsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedOrderEventList
    """

    return sync_detailed(
        client=client,
        order_id=order_id,
        ordering=ordering,
        page=page,
        page_size=page_size,
        source=source,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    order_id: str | Unset = UNSET,
    ordering: list[OrderEventsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    source: OrderEventsListSource | Unset = UNSET,
    status: OrderEventsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedOrderEventList]:
    """The inbox: every event a merchant's store sent, with whether it was applied.

    Args:
        order_id (str | Unset):
        ordering (list[OrderEventsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        source (OrderEventsListSource | Unset):
        status (OrderEventsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedOrderEventList]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        ordering=ordering,
        page=page,
        page_size=page_size,
        source=source,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    order_id: str | Unset = UNSET,
    ordering: list[OrderEventsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    source: OrderEventsListSource | Unset = UNSET,
    status: OrderEventsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedOrderEventList | None:
    """The inbox: every event a merchant's store sent, with whether it was applied.

    Args:
        order_id (str | Unset):
        ordering (list[OrderEventsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        source (OrderEventsListSource | Unset):
        status (OrderEventsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedOrderEventList
    """

    return (
        await asyncio_detailed(
            client=client,
            order_id=order_id,
            ordering=ordering,
            page=page,
            page_size=page_size,
            source=source,
            status=status,
        )
    ).parsed

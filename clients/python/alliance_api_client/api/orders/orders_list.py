import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.orders_list_attribution import OrdersListAttribution
from ...models.orders_list_ordering_item import OrdersListOrderingItem
from ...models.orders_list_status import OrdersListStatus
from ...models.paginated_order_list import PaginatedOrderList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    attribution: OrdersListAttribution | Unset = UNSET,
    channel: int | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[OrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: OrdersListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_attribution: str | Unset = UNSET
    if not isinstance(attribution, Unset):
        json_attribution = attribution.value

    params["attribution"] = json_attribution

    params["channel"] = channel

    params["link"] = link

    params["merchant"] = merchant

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["page"] = page

    params["page_size"] = page_size

    json_paid_after: str | Unset = UNSET
    if not isinstance(paid_after, Unset):
        json_paid_after = paid_after.isoformat()
    params["paid_after"] = json_paid_after

    json_paid_before: str | Unset = UNSET
    if not isinstance(paid_before, Unset):
        json_paid_before = paid_before.isoformat()
    params["paid_before"] = json_paid_before

    params["product"] = product

    params["promoter"] = promoter

    params["search"] = search

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orders/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedOrderList | None:
    if response.status_code == 200:
        response_200 = PaginatedOrderList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedOrderList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    attribution: OrdersListAttribution | Unset = UNSET,
    channel: int | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[OrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: OrdersListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedOrderList]:
    """Orders: a merchant's own (attributed or not), a promoter's attributed ones (the
    merchant's order id masked), every order for admins.

    Args:
        attribution (OrdersListAttribution | Unset):
        channel (int | Unset):
        link (int | Unset):
        merchant (int | Unset):
        ordering (list[OrdersListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        paid_after (datetime.datetime | Unset):
        paid_before (datetime.datetime | Unset):
        product (int | Unset):
        promoter (int | Unset):
        search (str | Unset):
        status (OrdersListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedOrderList]
    """

    kwargs = _get_kwargs(
        attribution=attribution,
        channel=channel,
        link=link,
        merchant=merchant,
        ordering=ordering,
        page=page,
        page_size=page_size,
        paid_after=paid_after,
        paid_before=paid_before,
        product=product,
        promoter=promoter,
        search=search,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    attribution: OrdersListAttribution | Unset = UNSET,
    channel: int | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[OrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: OrdersListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedOrderList | None:
    """Orders: a merchant's own (attributed or not), a promoter's attributed ones (the
    merchant's order id masked), every order for admins.

    Args:
        attribution (OrdersListAttribution | Unset):
        channel (int | Unset):
        link (int | Unset):
        merchant (int | Unset):
        ordering (list[OrdersListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        paid_after (datetime.datetime | Unset):
        paid_before (datetime.datetime | Unset):
        product (int | Unset):
        promoter (int | Unset):
        search (str | Unset):
        status (OrdersListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedOrderList
    """

    return sync_detailed(
        client=client,
        attribution=attribution,
        channel=channel,
        link=link,
        merchant=merchant,
        ordering=ordering,
        page=page,
        page_size=page_size,
        paid_after=paid_after,
        paid_before=paid_before,
        product=product,
        promoter=promoter,
        search=search,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    attribution: OrdersListAttribution | Unset = UNSET,
    channel: int | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[OrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: OrdersListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedOrderList]:
    """Orders: a merchant's own (attributed or not), a promoter's attributed ones (the
    merchant's order id masked), every order for admins.

    Args:
        attribution (OrdersListAttribution | Unset):
        channel (int | Unset):
        link (int | Unset):
        merchant (int | Unset):
        ordering (list[OrdersListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        paid_after (datetime.datetime | Unset):
        paid_before (datetime.datetime | Unset):
        product (int | Unset):
        promoter (int | Unset):
        search (str | Unset):
        status (OrdersListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedOrderList]
    """

    kwargs = _get_kwargs(
        attribution=attribution,
        channel=channel,
        link=link,
        merchant=merchant,
        ordering=ordering,
        page=page,
        page_size=page_size,
        paid_after=paid_after,
        paid_before=paid_before,
        product=product,
        promoter=promoter,
        search=search,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    attribution: OrdersListAttribution | Unset = UNSET,
    channel: int | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[OrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: OrdersListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedOrderList | None:
    """Orders: a merchant's own (attributed or not), a promoter's attributed ones (the
    merchant's order id masked), every order for admins.

    Args:
        attribution (OrdersListAttribution | Unset):
        channel (int | Unset):
        link (int | Unset):
        merchant (int | Unset):
        ordering (list[OrdersListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        paid_after (datetime.datetime | Unset):
        paid_before (datetime.datetime | Unset):
        product (int | Unset):
        promoter (int | Unset):
        search (str | Unset):
        status (OrdersListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedOrderList
    """

    return (
        await asyncio_detailed(
            client=client,
            attribution=attribution,
            channel=channel,
            link=link,
            merchant=merchant,
            ordering=ordering,
            page=page,
            page_size=page_size,
            paid_after=paid_after,
            paid_before=paid_before,
            product=product,
            promoter=promoter,
            search=search,
            status=status,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.coupons_list_ordering_item import CouponsListOrderingItem
from ...models.error_response import ErrorResponse
from ...models.paginated_coupon_list import PaginatedCouponList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    exclusive_promoter: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[CouponsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["exclusive_promoter"] = exclusive_promoter

    params["is_active"] = is_active

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

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/coupons/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedCouponList | None:
    if response.status_code == 200:
        response_200 = PaginatedCouponList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedCouponList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    exclusive_promoter: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[CouponsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedCouponList]:
    """Coupons. Deleting is not offered: links may carry a coupon; set is_active instead.

    Args:
        exclusive_promoter (int | Unset):
        is_active (bool | Unset):
        merchant (int | Unset):
        ordering (list[CouponsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedCouponList]
    """

    kwargs = _get_kwargs(
        exclusive_promoter=exclusive_promoter,
        is_active=is_active,
        merchant=merchant,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    exclusive_promoter: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[CouponsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> ErrorResponse | PaginatedCouponList | None:
    """Coupons. Deleting is not offered: links may carry a coupon; set is_active instead.

    Args:
        exclusive_promoter (int | Unset):
        is_active (bool | Unset):
        merchant (int | Unset):
        ordering (list[CouponsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedCouponList
    """

    return sync_detailed(
        client=client,
        exclusive_promoter=exclusive_promoter,
        is_active=is_active,
        merchant=merchant,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    exclusive_promoter: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[CouponsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedCouponList]:
    """Coupons. Deleting is not offered: links may carry a coupon; set is_active instead.

    Args:
        exclusive_promoter (int | Unset):
        is_active (bool | Unset):
        merchant (int | Unset):
        ordering (list[CouponsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedCouponList]
    """

    kwargs = _get_kwargs(
        exclusive_promoter=exclusive_promoter,
        is_active=is_active,
        merchant=merchant,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    exclusive_promoter: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    merchant: int | Unset = UNSET,
    ordering: list[CouponsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> ErrorResponse | PaginatedCouponList | None:
    """Coupons. Deleting is not offered: links may carry a coupon; set is_active instead.

    Args:
        exclusive_promoter (int | Unset):
        is_active (bool | Unset):
        merchant (int | Unset):
        ordering (list[CouponsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedCouponList
    """

    return (
        await asyncio_detailed(
            client=client,
            exclusive_promoter=exclusive_promoter,
            is_active=is_active,
            merchant=merchant,
            ordering=ordering,
            page=page,
            page_size=page_size,
            search=search,
        )
    ).parsed

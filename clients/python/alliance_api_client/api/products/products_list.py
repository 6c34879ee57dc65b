from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.paginated_product_list import PaginatedProductList
from ...models.products_list_ordering_item import ProductsListOrderingItem
from ...models.products_list_stock_status import ProductsListStockStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    category: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    max_price: str | Unset = UNSET,
    merchant: int | Unset = UNSET,
    min_price: str | Unset = UNSET,
    ordering: list[ProductsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
    stock_status: ProductsListStockStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["category"] = category

    params["is_active"] = is_active

    params["max_price"] = max_price

    params["merchant"] = merchant

    params["min_price"] = min_price

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

    json_stock_status: str | Unset = UNSET
    if not isinstance(stock_status, Unset):
        json_stock_status = stock_status.value

    params["stock_status"] = json_stock_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/products/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedProductList | None:
    if response.status_code == 200:
        response_200 = PaginatedProductList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedProductList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    category: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    max_price: str | Unset = UNSET,
    merchant: int | Unset = UNSET,
    min_price: str | Unset = UNSET,
    ordering: list[ProductsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
    stock_status: ProductsListStockStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedProductList]:
    """The catalog. Members manage their merchant's products; promoters browse promotable ones.

    Args:
        category (int | Unset):
        is_active (bool | Unset):
        max_price (str | Unset):
        merchant (int | Unset):
        min_price (str | Unset):
        ordering (list[ProductsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):
        stock_status (ProductsListStockStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedProductList]
    """

    kwargs = _get_kwargs(
        category=category,
        is_active=is_active,
        max_price=max_price,
        merchant=merchant,
        min_price=min_price,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
        stock_status=stock_status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    category: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    max_price: str | Unset = UNSET,
    merchant: int | Unset = UNSET,
    min_price: str | Unset = UNSET,
    ordering: list[ProductsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
    stock_status: ProductsListStockStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedProductList | None:
    """The catalog. Members manage their merchant's products; promoters browse promotable ones.

    Args:
        category (int | Unset):
        is_active (bool | Unset):
        max_price (str | Unset):
        merchant (int | Unset):
        min_price (str | Unset):
        ordering (list[ProductsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):
        stock_status (ProductsListStockStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedProductList
    """

    return sync_detailed(
        client=client,
        category=category,
        is_active=is_active,
        max_price=max_price,
        merchant=merchant,
        min_price=min_price,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
        stock_status=stock_status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    category: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    max_price: str | Unset = UNSET,
    merchant: int | Unset = UNSET,
    min_price: str | Unset = UNSET,
    ordering: list[ProductsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
    stock_status: ProductsListStockStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedProductList]:
    """The catalog. Members manage their merchant's products; promoters browse promotable ones.

    Args:
        category (int | Unset):
        is_active (bool | Unset):
        max_price (str | Unset):
        merchant (int | Unset):
        min_price (str | Unset):
        ordering (list[ProductsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):
        stock_status (ProductsListStockStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedProductList]
    """

    kwargs = _get_kwargs(
        category=category,
        is_active=is_active,
        max_price=max_price,
        merchant=merchant,
        min_price=min_price,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
        stock_status=stock_status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    category: int | Unset = UNSET,
    is_active: bool | Unset = UNSET,
    max_price: str | Unset = UNSET,
    merchant: int | Unset = UNSET,
    min_price: str | Unset = UNSET,
    ordering: list[ProductsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
    stock_status: ProductsListStockStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedProductList | None:
    """The catalog. Members manage their merchant's products; promoters browse promotable ones.

    Args:
        category (int | Unset):
        is_active (bool | Unset):
        max_price (str | Unset):
        merchant (int | Unset):
        min_price (str | Unset):
        ordering (list[ProductsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):
        stock_status (ProductsListStockStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedProductList
    """

    return (
        await asyncio_detailed(
            client=client,
            category=category,
            is_active=is_active,
            max_price=max_price,
            merchant=merchant,
            min_price=min_price,
            ordering=ordering,
            page=page,
            page_size=page_size,
            search=search,
            stock_status=stock_status,
        )
    ).parsed

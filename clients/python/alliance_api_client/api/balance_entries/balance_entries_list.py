from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.paginated_balance_entry_list import PaginatedBalanceEntryList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["promoter"] = promoter

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/balance-entries/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedBalanceEntryList | None:
    if response.status_code == 200:
        response_200 = PaginatedBalanceEntryList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedBalanceEntryList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedBalanceEntryList]:
    """The promoter's settlement history: every movement of its available balance, newest
    first (settlements, adjustments, payouts and returned payouts).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedBalanceEntryList]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        promoter=promoter,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
) -> ErrorResponse | PaginatedBalanceEntryList | None:
    """The promoter's settlement history: every movement of its available balance, newest
    first (settlements, adjustments, payouts and returned payouts).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedBalanceEntryList
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        promoter=promoter,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedBalanceEntryList]:
    """The promoter's settlement history: every movement of its available balance, newest
    first (settlements, adjustments, payouts and returned payouts).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedBalanceEntryList]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        promoter=promoter,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
) -> ErrorResponse | PaginatedBalanceEntryList | None:
    """The promoter's settlement history: every movement of its available balance, newest
    first (settlements, adjustments, payouts and returned payouts).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedBalanceEntryList
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            promoter=promoter,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.balances import Balances
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    promoter: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["promoter"] = promoter

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/balances/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Balances | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = Balances.from_dict(response.json())

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
) -> Response[Balances | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    promoter: int | Unset = UNSET,
) -> Response[Balances | ErrorResponse]:
    """The promoter's money: pending and confirmed earnings, available, in-transit and paid
    balances, and its open payout request.

    Args:
        promoter (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Balances | ErrorResponse]
    """

    kwargs = _get_kwargs(
        promoter=promoter,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    promoter: int | Unset = UNSET,
) -> Balances | ErrorResponse | None:
    """The promoter's money: pending and confirmed earnings, available, in-transit and paid
    balances, and its open payout request.

    Args:
        promoter (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Balances | ErrorResponse
    """

    return sync_detailed(
        client=client,
        promoter=promoter,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    promoter: int | Unset = UNSET,
) -> Response[Balances | ErrorResponse]:
    """The promoter's money: pending and confirmed earnings, available, in-transit and paid
    balances, and its open payout request.

    Args:
        promoter (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Balances | ErrorResponse]
    """

    kwargs = _get_kwargs(
        promoter=promoter,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    promoter: int | Unset = UNSET,
) -> Balances | ErrorResponse | None:
    """The promoter's money: pending and confirmed earnings, available, in-transit and paid
    balances, and its open payout request.

    Args:
        promoter (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Balances | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            promoter=promoter,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.paginated_settlement_run_list import PaginatedSettlementRunList
from ...models.settlement_runs_list_status import SettlementRunsListStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cycle: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: SettlementRunsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cycle"] = cycle

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/settlement-runs/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedSettlementRunList | None:
    if response.status_code == 200:
        response_200 = PaginatedSettlementRunList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedSettlementRunList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cycle: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: SettlementRunsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedSettlementRunList]:
    """Settlement runs, newest first, with their progress (admins). `POST` queues a run of the
    current cycle now; poll its detail to watch it.

    Args:
        cycle (str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        status (SettlementRunsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedSettlementRunList]
    """

    kwargs = _get_kwargs(
        cycle=cycle,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cycle: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: SettlementRunsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedSettlementRunList | None:
    """Settlement runs, newest first, with their progress (admins). `POST` queues a run of the
    current cycle now; poll its detail to watch it.

    Args:
        cycle (str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        status (SettlementRunsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedSettlementRunList
    """

    return sync_detailed(
        client=client,
        cycle=cycle,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cycle: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: SettlementRunsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedSettlementRunList]:
    """Settlement runs, newest first, with their progress (admins). `POST` queues a run of the
    current cycle now; poll its detail to watch it.

    Args:
        cycle (str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        status (SettlementRunsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedSettlementRunList]
    """

    kwargs = _get_kwargs(
        cycle=cycle,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cycle: str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: SettlementRunsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedSettlementRunList | None:
    """Settlement runs, newest first, with their progress (admins). `POST` queues a run of the
    current cycle now; poll its detail to watch it.

    Args:
        cycle (str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        status (SettlementRunsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedSettlementRunList
    """

    return (
        await asyncio_detailed(
            client=client,
            cycle=cycle,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed

import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.paginated_payout_list import PaginatedPayoutList
from ...models.payouts_list_kind import PayoutsListKind
from ...models.payouts_list_ordering_item import PayoutsListOrderingItem
from ...models.payouts_list_status import PayoutsListStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    batch: int | Unset = UNSET,
    kind: PayoutsListKind | Unset = UNSET,
    max_amount: str | Unset = UNSET,
    min_amount: str | Unset = UNSET,
    ordering: list[PayoutsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    requested_before: datetime.datetime | Unset = UNSET,
    status: PayoutsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["batch"] = batch

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["max_amount"] = max_amount

    params["min_amount"] = min_amount

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["page"] = page

    params["page_size"] = page_size

    params["promoter"] = promoter

    json_requested_after: str | Unset = UNSET
    if not isinstance(requested_after, Unset):
        json_requested_after = requested_after.isoformat()
    params["requested_after"] = json_requested_after

    json_requested_before: str | Unset = UNSET
    if not isinstance(requested_before, Unset):
        json_requested_before = requested_before.isoformat()
    params["requested_before"] = json_requested_before

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/payouts/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedPayoutList | None:
    if response.status_code == 200:
        response_200 = PaginatedPayoutList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedPayoutList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    batch: int | Unset = UNSET,
    kind: PayoutsListKind | Unset = UNSET,
    max_amount: str | Unset = UNSET,
    min_amount: str | Unset = UNSET,
    ordering: list[PayoutsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    requested_before: datetime.datetime | Unset = UNSET,
    status: PayoutsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedPayoutList]:
    """Payout requests. A promoter requests and reads its own; an admin reads all and reviews:
    approve, reject, mark paid, mark failed, in bulk too, and exports approved ones as CSV.

    Args:
        batch (int | Unset):
        kind (PayoutsListKind | Unset):
        max_amount (str | Unset):
        min_amount (str | Unset):
        ordering (list[PayoutsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):
        requested_after (datetime.datetime | Unset):
        requested_before (datetime.datetime | Unset):
        status (PayoutsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedPayoutList]
    """

    kwargs = _get_kwargs(
        batch=batch,
        kind=kind,
        max_amount=max_amount,
        min_amount=min_amount,
        ordering=ordering,
        page=page,
        page_size=page_size,
        promoter=promoter,
        requested_after=requested_after,
        requested_before=requested_before,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    batch: int | Unset = UNSET,
    kind: PayoutsListKind | Unset = UNSET,
    max_amount: str | Unset = UNSET,
    min_amount: str | Unset = UNSET,
    ordering: list[PayoutsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    requested_before: datetime.datetime | Unset = UNSET,
    status: PayoutsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedPayoutList | None:
    """Payout requests. A promoter requests and reads its own; an admin reads all and reviews:
    approve, reject, mark paid, mark failed, in bulk too, and exports approved ones as CSV.

    Args:
        batch (int | Unset):
        kind (PayoutsListKind | Unset):
        max_amount (str | Unset):
        min_amount (str | Unset):
        ordering (list[PayoutsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):
        requested_after (datetime.datetime | Unset):
        requested_before (datetime.datetime | Unset):
        status (PayoutsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedPayoutList
    """

    return sync_detailed(
        client=client,
        batch=batch,
        kind=kind,
        max_amount=max_amount,
        min_amount=min_amount,
        ordering=ordering,
        page=page,
        page_size=page_size,
        promoter=promoter,
        requested_after=requested_after,
        requested_before=requested_before,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    batch: int | Unset = UNSET,
    kind: PayoutsListKind | Unset = UNSET,
    max_amount: str | Unset = UNSET,
    min_amount: str | Unset = UNSET,
    ordering: list[PayoutsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    requested_before: datetime.datetime | Unset = UNSET,
    status: PayoutsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedPayoutList]:
    """Payout requests. A promoter requests and reads its own; an admin reads all and reviews:
    approve, reject, mark paid, mark failed, in bulk too, and exports approved ones as CSV.

    Args:
        batch (int | Unset):
        kind (PayoutsListKind | Unset):
        max_amount (str | Unset):
        min_amount (str | Unset):
        ordering (list[PayoutsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):
        requested_after (datetime.datetime | Unset):
        requested_before (datetime.datetime | Unset):
        status (PayoutsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedPayoutList]
    """

    kwargs = _get_kwargs(
        batch=batch,
        kind=kind,
        max_amount=max_amount,
        min_amount=min_amount,
        ordering=ordering,
        page=page,
        page_size=page_size,
        promoter=promoter,
        requested_after=requested_after,
        requested_before=requested_before,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    batch: int | Unset = UNSET,
    kind: PayoutsListKind | Unset = UNSET,
    max_amount: str | Unset = UNSET,
    min_amount: str | Unset = UNSET,
    ordering: list[PayoutsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    requested_after: datetime.datetime | Unset = UNSET,
    requested_before: datetime.datetime | Unset = UNSET,
    status: PayoutsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedPayoutList | None:
    """Payout requests. A promoter requests and reads its own; an admin reads all and reviews:
    approve, reject, mark paid, mark failed, in bulk too, and exports approved ones as CSV.

    Args:
        batch (int | Unset):
        kind (PayoutsListKind | Unset):
        max_amount (str | Unset):
        min_amount (str | Unset):
        ordering (list[PayoutsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):
        requested_after (datetime.datetime | Unset):
        requested_before (datetime.datetime | Unset):
        status (PayoutsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedPayoutList
    """

    return (
        await asyncio_detailed(
            client=client,
            batch=batch,
            kind=kind,
            max_amount=max_amount,
            min_amount=min_amount,
            ordering=ordering,
            page=page,
            page_size=page_size,
            promoter=promoter,
            requested_after=requested_after,
            requested_before=requested_before,
            status=status,
        )
    ).parsed

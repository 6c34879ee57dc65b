import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.commissions_list_invalid_reason import CommissionsListInvalidReason
from ...models.commissions_list_ordering_item import CommissionsListOrderingItem
from ...models.commissions_list_status import CommissionsListStatus
from ...models.error_response import ErrorResponse
from ...models.paginated_commission_list import PaginatedCommissionList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    channel: int | Unset = UNSET,
    invalid_reason: CommissionsListInvalidReason | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: list[CommissionsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    status: CommissionsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["channel"] = channel

    json_invalid_reason: str | Unset = UNSET
    if not isinstance(invalid_reason, Unset):
        json_invalid_reason = invalid_reason.value

    params["invalid_reason"] = json_invalid_reason

    params["link"] = link

    params["merchant"] = merchant

    params["order"] = order

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

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/commissions/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedCommissionList | None:
    if response.status_code == 200:
        response_200 = PaginatedCommissionList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedCommissionList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    channel: int | Unset = UNSET,
    invalid_reason: CommissionsListInvalidReason | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: list[CommissionsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    status: CommissionsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedCommissionList]:
    """Commissions, one per attributed order line, with their split and status.

    Args:
        channel (int | Unset):
        invalid_reason (CommissionsListInvalidReason | Unset):
        link (int | Unset):
        merchant (int | Unset):
        order (int | Unset):
        ordering (list[CommissionsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        paid_after (datetime.datetime | Unset):
        paid_before (datetime.datetime | Unset):
        product (int | Unset):
        promoter (int | Unset):
        status (CommissionsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedCommissionList]
    """

    kwargs = _get_kwargs(
        channel=channel,
        invalid_reason=invalid_reason,
        link=link,
        merchant=merchant,
        order=order,
        ordering=ordering,
        page=page,
        page_size=page_size,
        paid_after=paid_after,
        paid_before=paid_before,
        product=product,
        promoter=promoter,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    channel: int | Unset = UNSET,
    invalid_reason: CommissionsListInvalidReason | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: list[CommissionsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    status: CommissionsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedCommissionList | None:
    """Commissions, one per attributed order line, with their split and status.

    Args:
        channel (int | Unset):
        invalid_reason (CommissionsListInvalidReason | Unset):
        link (int | Unset):
        merchant (int | Unset):
        order (int | Unset):
        ordering (list[CommissionsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        paid_after (datetime.datetime | Unset):
        paid_before (datetime.datetime | Unset):
        product (int | Unset):
        promoter (int | Unset):
        status (CommissionsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedCommissionList
    """

    return sync_detailed(
        client=client,
        channel=channel,
        invalid_reason=invalid_reason,
        link=link,
        merchant=merchant,
        order=order,
        ordering=ordering,
        page=page,
        page_size=page_size,
        paid_after=paid_after,
        paid_before=paid_before,
        product=product,
        promoter=promoter,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    channel: int | Unset = UNSET,
    invalid_reason: CommissionsListInvalidReason | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: list[CommissionsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    status: CommissionsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedCommissionList]:
    """Commissions, one per attributed order line, with their split and status.

    Args:
        channel (int | Unset):
        invalid_reason (CommissionsListInvalidReason | Unset):
        link (int | Unset):
        merchant (int | Unset):
        order (int | Unset):
        ordering (list[CommissionsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        paid_after (datetime.datetime | Unset):
        paid_before (datetime.datetime | Unset):
        product (int | Unset):
        promoter (int | Unset):
        status (CommissionsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedCommissionList]
    """

    kwargs = _get_kwargs(
        channel=channel,
        invalid_reason=invalid_reason,
        link=link,
        merchant=merchant,
        order=order,
        ordering=ordering,
        page=page,
        page_size=page_size,
        paid_after=paid_after,
        paid_before=paid_before,
        product=product,
        promoter=promoter,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    channel: int | Unset = UNSET,
    invalid_reason: CommissionsListInvalidReason | Unset = UNSET,
    link: int | Unset = UNSET,
    merchant: int | Unset = UNSET,
    order: int | Unset = UNSET,
    ordering: list[CommissionsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    paid_after: datetime.datetime | Unset = UNSET,
    paid_before: datetime.datetime | Unset = UNSET,
    product: int | Unset = UNSET,
    promoter: int | Unset = UNSET,
    status: CommissionsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedCommissionList | None:
    """Commissions, one per attributed order line, with their split and status.

    Args:
        channel (int | Unset):
        invalid_reason (CommissionsListInvalidReason | Unset):
        link (int | Unset):
        merchant (int | Unset):
        order (int | Unset):
        ordering (list[CommissionsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        paid_after (datetime.datetime | Unset):
        paid_before (datetime.datetime | Unset):
        product (int | Unset):
        promoter (int | Unset):
        status (CommissionsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedCommissionList
    """

    return (
        await asyncio_detailed(
            client=client,
            channel=channel,
            invalid_reason=invalid_reason,
            link=link,
            merchant=merchant,
            order=order,
            ordering=ordering,
            page=page,
            page_size=page_size,
            paid_after=paid_after,
            paid_before=paid_before,
            product=product,
            promoter=promoter,
            status=status,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.paginated_penalised_order_list import PaginatedPenalisedOrderList
from ...models.penalised_orders_list_ordering_item import PenalisedOrdersListOrderingItem
from ...models.penalised_orders_list_reason_kind import PenalisedOrdersListReasonKind
from ...models.penalised_orders_list_status import PenalisedOrdersListStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    ordering: list[PenalisedOrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    reason_kind: PenalisedOrdersListReasonKind | Unset = UNSET,
    status: PenalisedOrdersListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["page"] = page

    params["page_size"] = page_size

    json_reason_kind: str | Unset = UNSET
    if not isinstance(reason_kind, Unset):
        json_reason_kind = reason_kind.value

    params["reason_kind"] = json_reason_kind

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/penalised-orders/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedPenalisedOrderList | None:
    if response.status_code == 200:
        response_200 = PaginatedPenalisedOrderList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedPenalisedOrderList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    ordering: list[PenalisedOrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    reason_kind: PenalisedOrdersListReasonKind | Unset = UNSET,
    status: PenalisedOrdersListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedPenalisedOrderList]:
    """Penalised orders (处罚订单): orders with a line voided for fraud, held for review, or
    touched by a fraud flag. A promoter sees its own (order id masked) and appeals; a merchant
    its own orders; admins every one. The kind of reason, never the rule's numbers.

    Args:
        ordering (list[PenalisedOrdersListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        reason_kind (PenalisedOrdersListReasonKind | Unset):
        status (PenalisedOrdersListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedPenalisedOrderList]
    """

    kwargs = _get_kwargs(
        ordering=ordering,
        page=page,
        page_size=page_size,
        reason_kind=reason_kind,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    ordering: list[PenalisedOrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    reason_kind: PenalisedOrdersListReasonKind | Unset = UNSET,
    status: PenalisedOrdersListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedPenalisedOrderList | None:
    """Penalised orders (处罚订单): orders with a line voided for fraud, held for review, or
    touched by a fraud flag. A promoter sees its own (order id masked) and appeals; a merchant
    its own orders; admins every one. The kind of reason, never the rule's numbers.

    Args:
        ordering (list[PenalisedOrdersListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        reason_kind (PenalisedOrdersListReasonKind | Unset):
        status (PenalisedOrdersListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedPenalisedOrderList
    """

    return sync_detailed(
        client=client,
        ordering=ordering,
        page=page,
        page_size=page_size,
        reason_kind=reason_kind,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    ordering: list[PenalisedOrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    reason_kind: PenalisedOrdersListReasonKind | Unset = UNSET,
    status: PenalisedOrdersListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedPenalisedOrderList]:
    """Penalised orders (处罚订单): orders with a line voided for fraud, held for review, or
    touched by a fraud flag. A promoter sees its own (order id masked) and appeals; a merchant
    its own orders; admins every one. The kind of reason, never the rule's numbers.

    Args:
        ordering (list[PenalisedOrdersListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        reason_kind (PenalisedOrdersListReasonKind | Unset):
        status (PenalisedOrdersListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedPenalisedOrderList]
    """

    kwargs = _get_kwargs(
        ordering=ordering,
        page=page,
        page_size=page_size,
        reason_kind=reason_kind,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    ordering: list[PenalisedOrdersListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    reason_kind: PenalisedOrdersListReasonKind | Unset = UNSET,
    status: PenalisedOrdersListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedPenalisedOrderList | None:
    """Penalised orders (处罚订单): orders with a line voided for fraud, held for review, or
    touched by a fraud flag. A promoter sees its own (order id masked) and appeals; a merchant
    its own orders; admins every one. The kind of reason, never the rule's numbers.

    Args:
        ordering (list[PenalisedOrdersListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        reason_kind (PenalisedOrdersListReasonKind | Unset):
        status (PenalisedOrdersListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedPenalisedOrderList
    """

    return (
        await asyncio_detailed(
            client=client,
            ordering=ordering,
            page=page,
            page_size=page_size,
            reason_kind=reason_kind,
            status=status,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_log_list_ordering_item import AuditLogListOrderingItem
from ...models.error_response import ErrorResponse
from ...models.paginated_audit_log_list import PaginatedAuditLogList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    action: str | Unset = UNSET,
    actor: int | Unset = UNSET,
    ordering: list[AuditLogListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    target_id: str | Unset = UNSET,
    target_type: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["action"] = action

    params["actor"] = actor

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["page"] = page

    params["page_size"] = page_size

    params["target_id"] = target_id

    params["target_type"] = target_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit-log/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedAuditLogList | None:
    if response.status_code == 200:
        response_200 = PaginatedAuditLogList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedAuditLogList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor: int | Unset = UNSET,
    ordering: list[AuditLogListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    target_id: str | Unset = UNSET,
    target_type: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedAuditLogList]:
    """Who did what, when (admins): every review and money action.

    Args:
        action (str | Unset):
        actor (int | Unset):
        ordering (list[AuditLogListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        target_id (str | Unset):
        target_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedAuditLogList]
    """

    kwargs = _get_kwargs(
        action=action,
        actor=actor,
        ordering=ordering,
        page=page,
        page_size=page_size,
        target_id=target_id,
        target_type=target_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor: int | Unset = UNSET,
    ordering: list[AuditLogListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    target_id: str | Unset = UNSET,
    target_type: str | Unset = UNSET,
) -> ErrorResponse | PaginatedAuditLogList | None:
    """Who did what, when (admins): every review and money action.

    Args:
        action (str | Unset):
        actor (int | Unset):
        ordering (list[AuditLogListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        target_id (str | Unset):
        target_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedAuditLogList
    """

    return sync_detailed(
        client=client,
        action=action,
        actor=actor,
        ordering=ordering,
        page=page,
        page_size=page_size,
        target_id=target_id,
        target_type=target_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor: int | Unset = UNSET,
    ordering: list[AuditLogListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    target_id: str | Unset = UNSET,
    target_type: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedAuditLogList]:
    """Who did what, when (admins): every review and money action.

    Args:
        action (str | Unset):
        actor (int | Unset):
        ordering (list[AuditLogListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        target_id (str | Unset):
        target_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedAuditLogList]
    """

    kwargs = _get_kwargs(
        action=action,
        actor=actor,
        ordering=ordering,
        page=page,
        page_size=page_size,
        target_id=target_id,
        target_type=target_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor: int | Unset = UNSET,
    ordering: list[AuditLogListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    target_id: str | Unset = UNSET,
    target_type: str | Unset = UNSET,
) -> ErrorResponse | PaginatedAuditLogList | None:
    """Who did what, when (admins): every review and money action.

    Args:
        action (str | Unset):
        actor (int | Unset):
        ordering (list[AuditLogListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        target_id (str | Unset):
        target_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedAuditLogList
    """

    return (
        await asyncio_detailed(
            client=client,
            action=action,
            actor=actor,
            ordering=ordering,
            page=page,
            page_size=page_size,
            target_id=target_id,
            target_type=target_type,
        )
    ).parsed

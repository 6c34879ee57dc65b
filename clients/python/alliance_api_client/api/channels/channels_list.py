from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channels_list_kind import ChannelsListKind
from ...models.channels_list_ordering_item import ChannelsListOrderingItem
from ...models.error_response import ErrorResponse
from ...models.paginated_channel_list import PaginatedChannelList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    is_default: bool | Unset = UNSET,
    kind: ChannelsListKind | Unset = UNSET,
    ordering: list[ChannelsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["is_default"] = is_default

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

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
        "url": "/api/v1/channels/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedChannelList | None:
    if response.status_code == 200:
        response_200 = PaginatedChannelList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedChannelList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    is_default: bool | Unset = UNSET,
    kind: ChannelsListKind | Unset = UNSET,
    ordering: list[ChannelsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedChannelList]:
    """Rows a promoter owns: promoters manage their own, admins may read everyone's.

    Args:
        is_default (bool | Unset):
        kind (ChannelsListKind | Unset):
        ordering (list[ChannelsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedChannelList]
    """

    kwargs = _get_kwargs(
        is_default=is_default,
        kind=kind,
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
    is_default: bool | Unset = UNSET,
    kind: ChannelsListKind | Unset = UNSET,
    ordering: list[ChannelsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> ErrorResponse | PaginatedChannelList | None:
    """Rows a promoter owns: promoters manage their own, admins may read everyone's.

    Args:
        is_default (bool | Unset):
        kind (ChannelsListKind | Unset):
        ordering (list[ChannelsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedChannelList
    """

    return sync_detailed(
        client=client,
        is_default=is_default,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    is_default: bool | Unset = UNSET,
    kind: ChannelsListKind | Unset = UNSET,
    ordering: list[ChannelsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedChannelList]:
    """Rows a promoter owns: promoters manage their own, admins may read everyone's.

    Args:
        is_default (bool | Unset):
        kind (ChannelsListKind | Unset):
        ordering (list[ChannelsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedChannelList]
    """

    kwargs = _get_kwargs(
        is_default=is_default,
        kind=kind,
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
    is_default: bool | Unset = UNSET,
    kind: ChannelsListKind | Unset = UNSET,
    ordering: list[ChannelsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    search: str | Unset = UNSET,
) -> ErrorResponse | PaginatedChannelList | None:
    """Rows a promoter owns: promoters manage their own, admins may read everyone's.

    Args:
        is_default (bool | Unset):
        kind (ChannelsListKind | Unset):
        ordering (list[ChannelsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedChannelList
    """

    return (
        await asyncio_detailed(
            client=client,
            is_default=is_default,
            kind=kind,
            ordering=ordering,
            page=page,
            page_size=page_size,
            search=search,
        )
    ).parsed

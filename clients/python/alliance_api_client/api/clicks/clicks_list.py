import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clicks_list_ordering_item import ClicksListOrderingItem
from ...models.error_response import ErrorResponse
from ...models.paginated_click_list import PaginatedClickList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    channel: int | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    is_bot: bool | Unset = UNSET,
    is_suspicious: bool | Unset = UNSET,
    is_unique: bool | Unset = UNSET,
    link: int | Unset = UNSET,
    ordering: list[ClicksListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    sub_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["channel"] = channel

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    params["is_bot"] = is_bot

    params["is_suspicious"] = is_suspicious

    params["is_unique"] = is_unique

    params["link"] = link

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["page"] = page

    params["page_size"] = page_size

    params["sub_id"] = sub_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/clicks/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedClickList | None:
    if response.status_code == 200:
        response_200 = PaginatedClickList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedClickList]:
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
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    is_bot: bool | Unset = UNSET,
    is_suspicious: bool | Unset = UNSET,
    is_unique: bool | Unset = UNSET,
    link: int | Unset = UNSET,
    ordering: list[ClicksListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    sub_id: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedClickList]:
    """
    Args:
        channel (int | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        is_bot (bool | Unset):
        is_suspicious (bool | Unset):
        is_unique (bool | Unset):
        link (int | Unset):
        ordering (list[ClicksListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        sub_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedClickList]
    """

    kwargs = _get_kwargs(
        channel=channel,
        created_after=created_after,
        created_before=created_before,
        is_bot=is_bot,
        is_suspicious=is_suspicious,
        is_unique=is_unique,
        link=link,
        ordering=ordering,
        page=page,
        page_size=page_size,
        sub_id=sub_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    channel: int | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    is_bot: bool | Unset = UNSET,
    is_suspicious: bool | Unset = UNSET,
    is_unique: bool | Unset = UNSET,
    link: int | Unset = UNSET,
    ordering: list[ClicksListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    sub_id: str | Unset = UNSET,
) -> ErrorResponse | PaginatedClickList | None:
    """
    Args:
        channel (int | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        is_bot (bool | Unset):
        is_suspicious (bool | Unset):
        is_unique (bool | Unset):
        link (int | Unset):
        ordering (list[ClicksListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        sub_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedClickList
    """

    return sync_detailed(
        client=client,
        channel=channel,
        created_after=created_after,
        created_before=created_before,
        is_bot=is_bot,
        is_suspicious=is_suspicious,
        is_unique=is_unique,
        link=link,
        ordering=ordering,
        page=page,
        page_size=page_size,
        sub_id=sub_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    channel: int | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    is_bot: bool | Unset = UNSET,
    is_suspicious: bool | Unset = UNSET,
    is_unique: bool | Unset = UNSET,
    link: int | Unset = UNSET,
    ordering: list[ClicksListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    sub_id: str | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedClickList]:
    """
    Args:
        channel (int | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        is_bot (bool | Unset):
        is_suspicious (bool | Unset):
        is_unique (bool | Unset):
        link (int | Unset):
        ordering (list[ClicksListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        sub_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedClickList]
    """

    kwargs = _get_kwargs(
        channel=channel,
        created_after=created_after,
        created_before=created_before,
        is_bot=is_bot,
        is_suspicious=is_suspicious,
        is_unique=is_unique,
        link=link,
        ordering=ordering,
        page=page,
        page_size=page_size,
        sub_id=sub_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    channel: int | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    is_bot: bool | Unset = UNSET,
    is_suspicious: bool | Unset = UNSET,
    is_unique: bool | Unset = UNSET,
    link: int | Unset = UNSET,
    ordering: list[ClicksListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    sub_id: str | Unset = UNSET,
) -> ErrorResponse | PaginatedClickList | None:
    """
    Args:
        channel (int | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        is_bot (bool | Unset):
        is_suspicious (bool | Unset):
        is_unique (bool | Unset):
        link (int | Unset):
        ordering (list[ClicksListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        sub_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedClickList
    """

    return (
        await asyncio_detailed(
            client=client,
            channel=channel,
            created_after=created_after,
            created_before=created_before,
            is_bot=is_bot,
            is_suspicious=is_suspicious,
            is_unique=is_unique,
            link=link,
            ordering=ordering,
            page=page,
            page_size=page_size,
            sub_id=sub_id,
        )
    ).parsed

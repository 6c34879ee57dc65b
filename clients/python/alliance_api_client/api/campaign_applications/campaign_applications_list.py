from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign_applications_list_ordering_item import CampaignApplicationsListOrderingItem
from ...models.campaign_applications_list_status import CampaignApplicationsListStatus
from ...models.error_response import ErrorResponse
from ...models.paginated_campaign_application_list import PaginatedCampaignApplicationList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    campaign: int | Unset = UNSET,
    ordering: list[CampaignApplicationsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: CampaignApplicationsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["campaign"] = campaign

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/campaign-applications/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedCampaignApplicationList | None:
    if response.status_code == 200:
        response_200 = PaginatedCampaignApplicationList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedCampaignApplicationList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    campaign: int | Unset = UNSET,
    ordering: list[CampaignApplicationsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: CampaignApplicationsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedCampaignApplicationList]:
    """Applications to targeted campaigns: promoters apply, the campaign's merchant reviews.

    Args:
        campaign (int | Unset):
        ordering (list[CampaignApplicationsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        status (CampaignApplicationsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedCampaignApplicationList]
    """

    kwargs = _get_kwargs(
        campaign=campaign,
        ordering=ordering,
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
    campaign: int | Unset = UNSET,
    ordering: list[CampaignApplicationsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: CampaignApplicationsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedCampaignApplicationList | None:
    """Applications to targeted campaigns: promoters apply, the campaign's merchant reviews.

    Args:
        campaign (int | Unset):
        ordering (list[CampaignApplicationsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        status (CampaignApplicationsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedCampaignApplicationList
    """

    return sync_detailed(
        client=client,
        campaign=campaign,
        ordering=ordering,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    campaign: int | Unset = UNSET,
    ordering: list[CampaignApplicationsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: CampaignApplicationsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedCampaignApplicationList]:
    """Applications to targeted campaigns: promoters apply, the campaign's merchant reviews.

    Args:
        campaign (int | Unset):
        ordering (list[CampaignApplicationsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        status (CampaignApplicationsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedCampaignApplicationList]
    """

    kwargs = _get_kwargs(
        campaign=campaign,
        ordering=ordering,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    campaign: int | Unset = UNSET,
    ordering: list[CampaignApplicationsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    status: CampaignApplicationsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedCampaignApplicationList | None:
    """Applications to targeted campaigns: promoters apply, the campaign's merchant reviews.

    Args:
        campaign (int | Unset):
        ordering (list[CampaignApplicationsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        status (CampaignApplicationsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedCampaignApplicationList
    """

    return (
        await asyncio_detailed(
            client=client,
            campaign=campaign,
            ordering=ordering,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed

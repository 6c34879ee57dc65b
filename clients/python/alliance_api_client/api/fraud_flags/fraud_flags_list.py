import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.fraud_flags_list_ordering_item import FraudFlagsListOrderingItem
from ...models.fraud_flags_list_rule import FraudFlagsListRule
from ...models.fraud_flags_list_severity import FraudFlagsListSeverity
from ...models.fraud_flags_list_status import FraudFlagsListStatus
from ...models.paginated_flag_list import PaginatedFlagList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    merchant: int | Unset = UNSET,
    older_than_days: int | Unset = UNSET,
    ordering: list[FraudFlagsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    rule: FraudFlagsListRule | Unset = UNSET,
    severity: FraudFlagsListSeverity | Unset = UNSET,
    status: FraudFlagsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    params["merchant"] = merchant

    params["older_than_days"] = older_than_days

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

    json_rule: str | Unset = UNSET
    if not isinstance(rule, Unset):
        json_rule = rule.value

    params["rule"] = json_rule

    json_severity: str | Unset = UNSET
    if not isinstance(severity, Unset):
        json_severity = severity.value

    params["severity"] = json_severity

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/fraud-flags/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PaginatedFlagList | None:
    if response.status_code == 200:
        response_200 = PaginatedFlagList.from_dict(response.json())

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
) -> Response[ErrorResponse | PaginatedFlagList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    merchant: int | Unset = UNSET,
    older_than_days: int | Unset = UNSET,
    ordering: list[FraudFlagsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    rule: FraudFlagsListRule | Unset = UNSET,
    severity: FraudFlagsListSeverity | Unset = UNSET,
    status: FraudFlagsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedFlagList]:
    """Fraud flags (admins): the review queue, high severity first, then oldest first; open
    flags unless `status` says otherwise.

    Args:
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        merchant (int | Unset):
        older_than_days (int | Unset):
        ordering (list[FraudFlagsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):
        rule (FraudFlagsListRule | Unset):
        severity (FraudFlagsListSeverity | Unset):
        status (FraudFlagsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedFlagList]
    """

    kwargs = _get_kwargs(
        created_after=created_after,
        created_before=created_before,
        merchant=merchant,
        older_than_days=older_than_days,
        ordering=ordering,
        page=page,
        page_size=page_size,
        promoter=promoter,
        rule=rule,
        severity=severity,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    merchant: int | Unset = UNSET,
    older_than_days: int | Unset = UNSET,
    ordering: list[FraudFlagsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    rule: FraudFlagsListRule | Unset = UNSET,
    severity: FraudFlagsListSeverity | Unset = UNSET,
    status: FraudFlagsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedFlagList | None:
    """Fraud flags (admins): the review queue, high severity first, then oldest first; open
    flags unless `status` says otherwise.

    Args:
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        merchant (int | Unset):
        older_than_days (int | Unset):
        ordering (list[FraudFlagsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):
        rule (FraudFlagsListRule | Unset):
        severity (FraudFlagsListSeverity | Unset):
        status (FraudFlagsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedFlagList
    """

    return sync_detailed(
        client=client,
        created_after=created_after,
        created_before=created_before,
        merchant=merchant,
        older_than_days=older_than_days,
        ordering=ordering,
        page=page,
        page_size=page_size,
        promoter=promoter,
        rule=rule,
        severity=severity,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    merchant: int | Unset = UNSET,
    older_than_days: int | Unset = UNSET,
    ordering: list[FraudFlagsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    rule: FraudFlagsListRule | Unset = UNSET,
    severity: FraudFlagsListSeverity | Unset = UNSET,
    status: FraudFlagsListStatus | Unset = UNSET,
) -> Response[ErrorResponse | PaginatedFlagList]:
    """Fraud flags (admins): the review queue, high severity first, then oldest first; open
    flags unless `status` says otherwise.

    Args:
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        merchant (int | Unset):
        older_than_days (int | Unset):
        ordering (list[FraudFlagsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):
        rule (FraudFlagsListRule | Unset):
        severity (FraudFlagsListSeverity | Unset):
        status (FraudFlagsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PaginatedFlagList]
    """

    kwargs = _get_kwargs(
        created_after=created_after,
        created_before=created_before,
        merchant=merchant,
        older_than_days=older_than_days,
        ordering=ordering,
        page=page,
        page_size=page_size,
        promoter=promoter,
        rule=rule,
        severity=severity,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    merchant: int | Unset = UNSET,
    older_than_days: int | Unset = UNSET,
    ordering: list[FraudFlagsListOrderingItem] | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    promoter: int | Unset = UNSET,
    rule: FraudFlagsListRule | Unset = UNSET,
    severity: FraudFlagsListSeverity | Unset = UNSET,
    status: FraudFlagsListStatus | Unset = UNSET,
) -> ErrorResponse | PaginatedFlagList | None:
    """Fraud flags (admins): the review queue, high severity first, then oldest first; open
    flags unless `status` says otherwise.

    Args:
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        merchant (int | Unset):
        older_than_days (int | Unset):
        ordering (list[FraudFlagsListOrderingItem] | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        promoter (int | Unset):
        rule (FraudFlagsListRule | Unset):
        severity (FraudFlagsListSeverity | Unset):
        status (FraudFlagsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PaginatedFlagList
    """

    return (
        await asyncio_detailed(
            client=client,
            created_after=created_after,
            created_before=created_before,
            merchant=merchant,
            older_than_days=older_than_days,
            ordering=ordering,
            page=page,
            page_size=page_size,
            promoter=promoter,
            rule=rule,
            severity=severity,
            status=status,
        )
    ).parsed

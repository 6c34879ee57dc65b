"""Assertions shared by the API tests: the single error shape, and "nothing was written"."""

from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict

from products.models import Campaign, Category, Coupon, Merchant, MerchantMember, Product
from promoters.models import (
    CampaignApplication,
    Channel,
    Click,
    Link,
    OwnCustomer,
    Promoter,
    UplineRelation,
)

WRITABLE_MODELS = [
    get_user_model(),
    Merchant,
    MerchantMember,
    Category,
    Product,
    Campaign,
    Coupon,
    Promoter,
    UplineRelation,
    Channel,
    Link,
    Click,
    OwnCustomer,
    CampaignApplication,
]


def assert_error(response, status: int, *, code: str | None = None, fields=None) -> dict:
    """The body is exactly `{"error": {"code", "message"[, "fields"]}}`.

    `fields` (a set of names) must be exactly the fields the error names; None means the error
    is not about input fields and carries none."""
    assert response.status_code == status, (response.status_code, response.content)
    body = response.json()
    assert list(body) == ["error"], body
    error = body["error"]
    expected_keys = {"code", "message"} if fields is None else {"code", "message", "fields"}
    assert set(error) == expected_keys, body
    assert isinstance(error["code"], str) and error["code"], body
    assert isinstance(error["message"], str) and error["message"], body
    if code is not None:
        assert error["code"] == code, body
    if fields is not None:
        assert set(error["fields"]) == set(fields), body
        for messages in error["fields"].values():
            assert messages and all(isinstance(m, str) and m for m in messages), body
    return error


def assert_not_found(response) -> None:
    assert_error(response, 404, code="not_found")


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITABLE_MODELS}


def row_state(obj) -> dict:
    """Every field of a row as stored now, to prove a refused write changed nothing."""
    fresh = type(obj).objects.get(pk=obj.pk)
    state = model_to_dict(fresh)
    for name in ("updated_at", "created_at"):
        if hasattr(fresh, name):
            state[name] = getattr(fresh, name)
    return state

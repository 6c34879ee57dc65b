"""A promoter sees a merchant's order id masked, the same way on every page and in the API."""

import pytest

from alliance.masking import mask_order_id


@pytest.mark.parametrize(
    ("order_id", "shown"),
    [("", ""), ("12345", "*****"), ("123456", "123*56"), ("TB-2026-0001", "TB-*******01")],
)
def test_the_first_three_and_last_two_characters_show(order_id, shown):
    assert mask_order_id(order_id) == shown

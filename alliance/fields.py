"""The model fields every app's amounts and rates are made of, so they have one size and one
set of bounds across the platform (alliance/money.py rounds and formats their values)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .money import MAX_RATE

RATE_VALIDATORS = [MinValueValidator(Decimal("0.00")), MaxValueValidator(MAX_RATE)]
AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0.00"))]


def rate_field(**kwargs) -> models.DecimalField:
    """A percentage with 2 decimals: 12.50 means 12.5%."""
    return models.DecimalField(max_digits=5, decimal_places=2, validators=RATE_VALIDATORS, **kwargs)


def amount_field(**kwargs) -> models.DecimalField:
    """An amount that is never negative (money.MAX_AMOUNT is the largest it holds)."""
    return models.DecimalField(
        max_digits=14, decimal_places=2, validators=AMOUNT_VALIDATORS, **kwargs
    )


def signed_amount_field(**kwargs) -> models.DecimalField:
    """An amount that may be negative (a month with more clawed back than settled)."""
    return models.DecimalField(max_digits=14, decimal_places=2, **kwargs)

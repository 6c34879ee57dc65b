from enum import StrEnum


class ProductsListOrderingItem(StrEnum):
    COMMISSION_RATE = "commission_rate"
    CREATED_AT = "created_at"
    EFFECTIVE_RATE = "effective_rate"
    PRICE = "price"
    SKU = "sku"
    TITLE = "title"
    VALUE_1 = "-price"
    VALUE_11 = "-sku"
    VALUE_3 = "-created_at"
    VALUE_5 = "-title"
    VALUE_7 = "-commission_rate"
    VALUE_9 = "-effective_rate"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ProductsListOrderingItem(StrEnum):
    COMMISSION_RATE = "commission_rate"
    COMMISSION_RATE_DESC = "-commission_rate"
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    EFFECTIVE_RATE = "effective_rate"
    EFFECTIVE_RATE_DESC = "-effective_rate"
    PRICE = "price"
    PRICE_DESC = "-price"
    SKU = "sku"
    SKU_DESC = "-sku"
    TITLE = "title"
    TITLE_DESC = "-title"

    def __str__(self) -> str:
        return str(self.value)

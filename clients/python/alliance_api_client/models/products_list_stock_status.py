from enum import StrEnum


class ProductsListStockStatus(StrEnum):
    IN_STOCK = "in_stock"
    LOW_STOCK = "low_stock"
    OUT_OF_STOCK = "out_of_stock"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ProductFileFormatEnum(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    def __str__(self) -> str:
        return str(self.value)

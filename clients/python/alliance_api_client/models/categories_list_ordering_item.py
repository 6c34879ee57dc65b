from enum import StrEnum


class CategoriesListOrderingItem(StrEnum):
    NAME = "name"
    NAME_DESC = "-name"

    def __str__(self) -> str:
        return str(self.value)

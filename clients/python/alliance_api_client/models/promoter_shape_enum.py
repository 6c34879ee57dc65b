from enum import StrEnum


class PromoterShapeEnum(StrEnum):
    PROMOTER = "promoter"

    def __str__(self) -> str:
        return str(self.value)

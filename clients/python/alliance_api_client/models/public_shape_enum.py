from enum import StrEnum


class PublicShapeEnum(StrEnum):
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class MemberShapeEnum(StrEnum):
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)

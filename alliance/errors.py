"""Domain errors. Services raise these; the API's exception handler maps them to the single
error shape, and pages show their message."""


class AllianceError(Exception):
    code = "error"
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


def required_text(value: str | None, *, field: str, message: str) -> str:
    """`value` without surrounding spaces; an empty one is refused as `<field>_required`, with
    `message` next to `field` (a reason, a reference)."""
    value = (value or "").strip()
    if not value:
        raise AllianceError(message, field=field, code=f"{field}_required")
    return value


class NotAllowed(AllianceError):
    code = "not_allowed"
    status_code = 403


class InvalidTransition(AllianceError):
    code = "invalid_transition"
    status_code = 409


class Conflict(AllianceError):
    code = "conflict"
    status_code = 409

"""One error shape for the whole API:

    {"error": {"code": "validation_error", "message": "...", "fields": {"sku": ["..."]}}}

`fields` is present only for input errors and names every offending field (nested fields are
dotted: `items.0.amount`); `non_field_errors` holds errors about the input as a whole.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from alliance.errors import AllianceError


def flatten_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """Nested serializer errors as {dotted.field: [messages]}."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            # A nested object's own errors belong to the object's field: items, not
            # items.non_field_errors.
            if prefix and key == "non_field_errors":
                name = prefix
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            out.update(flatten_errors(value, name))
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        out = {}
        for index, item in enumerate(detail):
            if item:
                out.update(flatten_errors(item, f"{prefix}.{index}" if prefix else str(index)))
        return out
    return {prefix or "non_field_errors": [str(detail)]}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    body: dict = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent):
        # Django raises these while DRF reads the body; its own answer would be an HTML 400.
        return Response(
            error_body("too_large", _("The request body is too large.")),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, AllianceError):
        fields = {exc.field: [exc.message]} if exc.field else None
        return Response(error_body(exc.code, exc.message, fields), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        # An empty detail (ValidationError({}) or a list of empty dicts) still names something.
        fields = flatten_errors(exc.detail) or {"non_field_errors": [_("Invalid input.")]}
        first = next(iter(fields.items()))
        message = _("Invalid input: %(field)s: %(error)s") % {
            "field": first[0],
            "error": first[1][0],
        }
        response.data = error_body("validation_error", message, fields)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        if isinstance(detail, dict):
            # Token errors carry {"detail", "code", "messages"}: keep the sentence and the code.
            code = detail.get("code", code)
            detail = detail.get("detail", "")
        response.data = error_body(str(code), str(detail))
    return response


def json_error(code: str, message: str, status_code: int = status.HTTP_400_BAD_REQUEST):
    return Response(error_body(code, message), status=status_code)

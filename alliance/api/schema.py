"""The OpenAPI schema's project-wide parts: what drf-spectacular cannot see in a view.

Every operation gets the error answers it can send, each with the one error component
(`ErrorResponse`, docs/api.md "Errors: one shape"):

- 400 when it reads a body or query parameters (invalid input, a refused rule, a malformed
  `Idempotency-Key`);
- 401 always: a bad `Authorization` header is refused before any view runs, on the open
  endpoints too;
- 403 when it has authentication (the wrong role, an account status, CSRF with a session);
- 404 when it has path parameters or is a paginated list (a page past the end);
- 409 for writes (a conflict with the current state);
- 413 for writes (a body over `DATA_UPLOAD_MAX_MEMORY_SIZE` or an upload over its limit);
- 415 for operations that read a body (a body in a media type they do not read);
- 422 where `Idempotency-Key` applies (the key sent again with another body);
- 429 where a rate limit applies (a `Retry-After` header says how many seconds to wait).

A view that documents an error status itself keeps its description; the body is always the
error component.
"""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer
from rest_framework import serializers

from .decimals import decimal_schema

ERROR_DESCRIPTIONS = {
    "400": "Invalid input or a refused rule: `validation_error` with `fields`, or a rule's code.",
    "401": "Not authenticated, or the credentials are invalid, expired or revoked.",
    "403": "Authenticated, but not allowed: the role or the account's status.",
    "404": "No such row (or another tenant's), no such path, or a page past the end.",
    "409": "A conflict with the current state (e.g. `invalid_transition`).",
    "413": "The body is too large (`too_large`).",
    "415": "The body is not in a media type this operation reads (`unsupported_media_type`).",
    "422": "This Idempotency-Key was used with another request (`idempotency_key_reused`).",
    "429": "Too many requests (`throttled`, `login_locked`); see the Retry-After header.",
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="A stable machine-readable word: `validation_error`, a rule's code, or DRF's."
    )
    message = serializers.CharField(
        help_text="A human-readable sentence, in the request's language."
    )
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=(
            "Only for errors about the input: every offending field (nested ones dotted, "
            "`items.0.amount`; the input as a whole under `non_field_errors`) with its messages."
        ),
    )


class ErrorResponseSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


def _throttled(view) -> bool:
    return bool(getattr(view, "throttle_classes", None))


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        body = operation.get("requestBody")
        if body and (self._is_create_operation() or self.method == "PUT"):
            # A create or a replace reads an object, even where each of its fields is optional.
            body["required"] = True
        error = self.resolve_serializer(ErrorResponseSerializer, "response").ref
        responses = operation["responses"]
        for code in self._error_codes(operation):
            answer = responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code]})
            answer["content"] = {"application/json": {"schema": error}}
            if code == "429":
                answer["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer", "minimum": 0},
                        "description": "Seconds to wait before trying again.",
                    }
                }
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_codes(self, operation) -> list[str]:
        parameters = operation.get("parameters", [])
        codes = {"401"}
        if "requestBody" in operation or self.method in WRITES:
            codes.add("400")
        if any(parameter["in"] == "query" for parameter in parameters):
            codes.add("400")
        if getattr(self.view, "authentication_classes", None):
            codes.add("403")
        if any(parameter["in"] == "path" for parameter in parameters) or self._is_list_view():
            codes.add("404")
        if self.method in WRITES:
            codes.update({"409", "413"})
        if "requestBody" in operation:
            codes.add("415")
        if self._idempotent():
            codes.add("422")
        if _throttled(self.view):
            codes.add("429")
        return sorted(codes | {code for code in operation["responses"] if code >= "400"})

    def _idempotent(self) -> bool:
        # Imported here: alliance.idempotency reads the models, which the settings' schema
        # class must not load at import.
        from alliance.idempotency import applies_to

        return applies_to(self.method, self.path)

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # Decimals are strings: their pattern says what the server reads (alliance/api/decimals).
        if isinstance(field, serializers.DecimalField) and "pattern" in schema:
            schema.update(decimal_schema(field))
        return schema

    def get_override_parameters(self) -> list:
        parameters = list(super().get_override_parameters())
        if self._idempotent():
            parameters.append(
                OpenApiParameter(
                    "Idempotency-Key",
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    pattern=r"^[!-~]{1,255}$",
                    description="Makes a retry safe: the same key with the same request answers "
                    "the first answer again and does nothing twice (docs/api.md).",
                )
            )
        return parameters


class ShapeField(serializers.ChoiceField):
    """The constant that says which of an operation's shapes a row has, where the roles see
    different shapes of one resource (docs/api.md "Shapes per role"): the schema's
    discriminator, so a generated client decodes each row into the right model."""

    def __init__(self, value: str, **kwargs):
        self.value = value
        kwargs.setdefault("help_text", f'Always "{value}": which shape this row has.')
        super().__init__(choices=[value], read_only=True, **kwargs)

    def get_attribute(self, instance):
        return self.value

    def to_representation(self, value):
        return self.value


def shapes(component_name: str, by_shape: dict, many: bool = False):
    """One resource answered in several shapes, told apart by their `shape` field."""
    return PolymorphicProxySerializer(
        component_name=component_name,
        serializers=by_shape,
        resource_type_field_name="shape",
        many=many,
    )

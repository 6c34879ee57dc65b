"""The OpenAPI schema's project-wide parts: what drf-spectacular cannot see in a view.

Every operation gets the error answers it can send, each with the one error component
(`ErrorResponse`, docs/api.md "Errors: one shape").
"""

from drf_spectacular import openapi
from rest_framework import serializers

from .decimals import decimal_schema


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # Decimals are strings: their pattern says what the server reads (alliance/api/decimals).
        if isinstance(field, serializers.DecimalField) and "pattern" in schema:
            schema.update(decimal_schema(field))
        return schema

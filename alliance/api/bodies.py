"""Request bodies the schema declares required (alliance/api/schema.py: a create or a replace
reads an object, even where each of its fields is optional)."""

from rest_framework.exceptions import ParseError


def has_body(request) -> bool:
    """Whether the request came with a body at all (`{}` is one; nothing is not)."""
    meta = request.META
    return int(meta.get("CONTENT_LENGTH") or 0) > 0 or "chunked" in meta.get(
        "HTTP_TRANSFER_ENCODING", ""
    )


class ReplaceNeedsBody:
    """For a viewset whose PUT fields are all optional: a PUT without a body answers 400
    `parse_error`, as one whose serializer has required fields does, instead of replacing the
    row with nothing. PATCH may still come without one."""

    def initial(self, request, *args, **kwargs):
        # After authentication and permissions: who may not write hears 401 or 403 first.
        super().initial(request, *args, **kwargs)
        if getattr(self, "action", None) == "update" and not has_body(request):
            raise ParseError()

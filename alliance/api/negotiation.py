"""Content negotiation that never answers 406.

The API's answers are JSON, except the file downloads (QR codes, CSV and XLSX files), which
set their own media type. A client generated from the schema sends `Accept: image/png` to the
QR endpoint, and DRF's default negotiation, knowing only its JSON renderers, would refuse it
with 406 even though the file is what it asked for. Here an Accept header no renderer matches
falls back to the first renderer (JSON): the file views answer their file, and an error on any
path still comes back as the API's JSON error body.
"""

from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class LenientContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            renderer = renderers[0]
            return renderer, renderer.media_type

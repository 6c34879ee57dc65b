from promoters import clicks


def visit(client, path, **headers):
    """A visitor follows a short URL; queued clicks are then stored, as the flusher would."""
    headers.setdefault("HTTP_USER_AGENT", "Mozilla/5.0 (iPhone)")
    response = client.get(path, **headers)
    clicks.queue.flush()
    return response

"""OpenAPI links from each create to what can be done with the row it made.

drf-spectacular writes no `links`. This postprocessing hook adds them: the answer of a create
(a POST on a collection, 201, or 202 for the queued ones) links to every operation on that
collection's `{id}/` (read, change, delete, and the actions under it), passing the created row's
id (`$response.body#/id`). A client generator or a reader sees which calls follow a create, and
the contract test's stateful phase chains them (docs/api.md, "Contract test").
"""

import re

CREATED = ("201", "202")
DETAIL_METHODS = ("get", "put", "patch", "delete", "post")
# Sign-ups create a row that the platform's admins then review under another collection.
CREATED_UNDER = {
    "/api/v1/signup/merchant/": "/api/v1/merchants/",
    "/api/v1/signup/promoter/": "/api/v1/promoters/",
}


def _component(schema: dict, answer: dict) -> dict:
    """The JSON body schema of an answer, its `$ref` to a component resolved."""
    body = answer.get("content", {}).get("application/json", {}).get("schema", {})
    reference = body.get("$ref", "")
    if reference.startswith("#/components/schemas/"):
        return schema.get("components", {}).get("schemas", {}).get(reference.rsplit("/", 1)[1], {})
    return body


def _link_name(operation_id: str) -> str:
    # Link names are component keys: letters, digits, '.', '-', '_' only.
    return re.sub(r"[^A-Za-z0-9._-]", "_", operation_id)


def add_create_links(result, generator, request, public):
    """drf-spectacular postprocessing hook: `links` on every create's success answer."""
    paths = result.get("paths", {})
    for path, item in paths.items():
        create = item.get("post")
        if create is None or "{" in path:
            continue
        collection = CREATED_UNDER.get(path, path)
        detail = f"{collection}{{id}}/"
        targets = [
            (target_path, method, operation)
            for target_path, target_item in sorted(paths.items())
            if target_path.startswith(detail)
            for method, operation in target_item.items()
            if method in DETAIL_METHODS and "operationId" in operation
        ]
        if not targets:
            continue
        for status in CREATED:
            answer = create.get("responses", {}).get(status)
            if answer is None or "id" not in _component(result, answer).get("properties", {}):
                continue
            links = answer.setdefault("links", {})
            for target_path, method, operation in targets:
                links[_link_name(operation["operationId"])] = {
                    "operationId": operation["operationId"],
                    "parameters": {"id": "$response.body#/id"},
                    "description": f"{method.upper()} {target_path} with the created row's id.",
                }
    return result

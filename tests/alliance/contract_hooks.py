"""Schemathesis hooks of the contract test, loaded by `schemathesis run` (`hooks` in
schemathesis.toml), so they run in the schemathesis process, not in Django's.

A generated id is a random number: alone, it reaches only the 404 answers. When
ALLIANCE_CONTRACT_IDS names a JSON file of the rows the test's world holds (every tenant's:
`{"path": {"<collection>": [ids]}, "body": {"<field>": [ids]}}`), each case of the examples,
coverage and fuzzing phases gets, in place of the generated id in its path and of each foreign
key in its body, one of those rows or its own value, chosen by a hash of the case, so a run
repeats. A component generated invalid on purpose (negative mode) keeps its value, and the
stateful phase is left alone: its ids come from the links. Without the file nothing changes.

Each request that carries an Idempotency-Key gets a key of its own (`_fresh_idempotency_key`).

`filter_failure` holds the contract test's one exception to its checks: a schema-valid request
refused 400 by a rule no JSON Schema can state (two fields compared, stored rows, a file's
content), each rule listed in RULES and in docs/api.md ("Contract test").
"""

import hashlib
import itertools
import json
import os
from pathlib import Path

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import TestPhase

PATH_PARAMETERS = {"id", "merchant_id"}
# Numbers the requests that carry an Idempotency-Key, in the order they are made.
SENDS = itertools.count()


def _ids() -> dict:
    path = os.environ.get("ALLIANCE_CONTRACT_IDS")
    if not path:
        return {"path": {}, "body": {}}
    return json.loads(Path(path).read_text())


IDS = _ids()


def _pick(case, name: str, original, choices: list):
    """One of `choices`, or `original`, as a function of the case: the same case, the same id."""
    key = repr((case.operation.label, name, original, case.query, case.body)).encode()
    index = int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % (len(choices) + 1)
    return original if index == len(choices) else choices[index]


def _collection(case, name: str) -> str:
    if name == "merchant_id":
        return "merchants"
    return case.operation.path.removeprefix("/api/v1/").split("/")[0]


def _fresh_idempotency_key(case) -> None:
    """An Idempotency-Key of its own for each request sent, as a client makes up a new key for
    each new request: generated keys are few ("0", "A"), and the same key with other bytes is
    rightly refused (422 `idempotency_key_reused`; a multipart body encoded again has a new
    boundary, so even the same upload is other bytes, docs/api.md "Safe retries"). A key
    generated invalid on purpose is kept."""
    if "Idempotency-Key" not in (case.headers or {}):
        return
    meta = case.meta
    if meta is not None and meta.is_negative_at(ParameterLocation.HEADER):
        return
    request = (next(SENDS), case.method, case.path, case.path_parameters, case.query, case.body)
    key = hashlib.sha256(repr(request).encode()).hexdigest()[:40]
    case.headers = {**case.headers, "Idempotency-Key": key}


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if meta is None or meta.phase.name == TestPhase.STATEFUL:
        _fresh_idempotency_key(case)
        return case
    if case.path_parameters and not meta.is_negative_at(ParameterLocation.PATH):
        parameters = dict(case.path_parameters)
        for name in PATH_PARAMETERS & parameters.keys():
            choices = IDS["path"].get(_collection(case, name))
            if choices:
                parameters[name] = _pick(case, name, parameters[name], choices)
        if parameters != case.path_parameters:
            case.path_parameters = parameters
    if isinstance(case.body, dict) and not meta.is_negative_at(ParameterLocation.BODY):
        body = dict(case.body)
        for name, value in case.body.items():
            choices = IDS["body"].get(name)
            if not choices:
                continue
            if isinstance(value, list):
                body[name] = [
                    _pick(case, f"{name}.{i}", item, choices) for i, item in enumerate(value)
                ]
            elif isinstance(value, int) and not isinstance(value, bool):
                body[name] = _pick(case, name, value, choices)
        if body != case.body:
            case.body = body
    _fresh_idempotency_key(case)
    return case


# --- The one exception: rules a JSON Schema cannot state ---------------------------------------
#
# positive_data_acceptance expects a request the schema allows to be accepted (2xx), or refused
# for who asks or what exists (401, 403, 404, 409, 429). Some refusals are about the input, yet
# no JSON Schema can say them: they compare two fields, or the input with stored rows, or read
# a file. The server answers those 400 with the rule's code on the field concerned (docs/api.md
# "Errors"), and only those are not failures. Each rule is listed here and in docs/api.md
# ("Contract test"); any other 400 to a schema-valid request still fails the run.

# A foreign key names a row that exists and that the requester may use (any operation).
FOREIGN_KEYS = {
    "campaign",
    "category",
    "channel",
    "coupon",
    "exclusive_promoter",
    "merchant",
    "method",
    "parent",
    "product",
    "products",
    "promoter",
}
UNKNOWN_ROW = 'Invalid pk "'
# Text is trimmed: a string of spaces only is blank (any operation); `minLength` counts them.
BLANK = "This field may not be blank."

# operation -> (code, field) -> the messages that say the rule (None: the code says it).
RULES: dict[str, dict[tuple[str, str | None], tuple[str, ...] | None]] = {}


def rule(operations: list[str], code: str, field: str, *messages: str) -> None:
    for operation in operations:
        RULES.setdefault(operation, {})[(code, field)] = messages or None


def writes(path: str, methods: str = "POST PUT PATCH") -> list[str]:
    """The create (POST on the collection) and the replace and change of one row."""
    return [f"{m} {path}" if m == "POST" else f"{m} {path}{{id}}/" for m in methods.split()]


API = "/api/v1/"
VALIDATION = "validation_error"
WINDOW = "Give a moment between 1970 and 2999."
URL = "Enter a valid URL."
# Whose balances: an admin names the promoter, a promoter's own are implied. One operation
# serves both roles, and a schema cannot make a parameter required for one role only.
rule([f"GET {API}balances/", f"GET {API}balance-entries/"], "required", "promoter")
# A sync cursor is one the platform issued.
rule([f"GET {API}sync/orders/", f"GET {API}sync/commissions/"], "invalid_cursor", "cursor")
# A window ends after it starts, within 1970-2999; an event campaign has both ends.
EVENT = "An event campaign needs both starts_at and ends_at."
rule(writes(f"{API}campaigns/"), VALIDATION, "starts_at", WINDOW, EVENT)
rule(writes(f"{API}campaigns/"), VALIDATION, "ends_at", "Must be after starts_at.", WINDOW, EVENT)
rule(writes(f"{API}coupons/"), VALIDATION, "valid_from", WINDOW)
rule(writes(f"{API}coupons/"), VALIDATION, "valid_until", "Must be after valid_from.", WINDOW)
# Unique among the stored rows: per merchant (SKU, coupon code), per promoter (channel name,
# declared customer), platform-wide (category name and slug); a category is not its own ancestor.
rule(writes(f"{API}products/"), VALIDATION, "sku", "You already have a product with this SKU.")
rule(writes(f"{API}coupons/"), VALIDATION, "code", "You already have a coupon with this code.")
rule(writes(f"{API}channels/"), VALIDATION, "name", "You already have a channel with this name.")
rule(writes(f"{API}categories/"), VALIDATION, "name", "category with this name already exists.")
rule(writes(f"{API}categories/"), VALIDATION, "slug", "category with this slug already exists.")
rule(writes(f"{API}categories/"), "category_cycle", "parent")
rule([f"POST {API}own-customers/"], VALIDATION, "customer_id", "Already declared.")
# A sign-up's username is free and in one script, its password passes the password validators
# (length, similarity, common passwords), its invite code is a live promoter's, and a merchant's
# store is on a domain name.
SIGNUPS = [f"POST {API}signup/merchant/", f"POST {API}signup/promoter/"]
rule(SIGNUPS, "username_taken", "username")
rule(SIGNUPS, "mixed_script", "username")
rule(SIGNUPS, "weak_password", "password")
rule([f"POST {API}signup/promoter/"], "invalid_invite_code", "invite_code")
rule([f"POST {API}signup/merchant/"], "invalid_host", "store_url")
# A URL is an http(s) URL on a domain name (Django's URLValidator), a product's or the store's
# on one of the merchant's approved store domains; `format: uri` allows any URI.
rule(writes(f"{API}products/"), VALIDATION, "url", URL)
rule(writes(f"{API}products/"), VALIDATION, "image_url", URL)
rule(writes(f"{API}products/"), "url_domain_not_approved", "url")
rule(writes(f"{API}products/"), "url_scheme_not_allowed", "url")
rule(writes(f"{API}products/"), "url_scheme_not_allowed", "image_url")
rule([f"PATCH {API}merchants/me/"], VALIDATION, "store_url", URL)
rule([f"PATCH {API}merchants/me/"], "url_domain_not_approved", "store_url")
rule([f"PATCH {API}merchants/me/"], "url_scheme_not_allowed", "store_url")
# A store domain is a domain name (IDNA allowed).
rule([f"POST {API}store-domains/"], "invalid_host", "host")
# A payout method's account has its kind's format (an Alipay email or mainland mobile number,
# a bank's 12-19 digits and the bank's name), the holder's real name has letters only, and the
# default method stays the default until another one is made the default (payouts.md).
METHODS = writes(f"{API}payout-methods/")
rule(
    METHODS,
    VALIDATION,
    "account",
    "Enter the Alipay account: ",
    "This is not a valid email address.",
    "A bank account number has 12 to 19 digits.",
)
rule(METHODS, VALIDATION, "account_name", "Enter the real name as the bank or Alipay knows it")
rule(METHODS, VALIDATION, "bank_name", "Enter the bank's name.")
rule(METHODS, VALIDATION, "is_default", "Make another method the default instead.")
# A payout is a positive amount, at least the minimum and at most the available balance.
rule([f"POST {API}payouts/"], "invalid_amount", "amount")
rule([f"POST {API}payouts/"], "below_minimum", "amount")
rule([f"POST {API}payouts/"], "insufficient_balance", "amount")
# A link's sub_id has letters and digits of any script (str.isalnum), '-', '_' and '.': OpenAPI
# 3.0's patterns (ECMA-262 without Unicode classes) cannot name a letter of any script.
rule(writes(f"{API}links/", "POST PUT PATCH"), VALIDATION, "sub_id", "Use letters, digits, ")
# Only a targeted campaign takes applications; a link's coupon is valid and the target's.
rule([f"POST {API}campaign-applications/"], "not_targeted", "campaign")
rule([f"POST {API}links/"], "error", "coupon", "This coupon cannot be used on this link.")
# A refusal, suspension, void or failure says why, a payment names its transfer: the body allows
# "" so that a missing, empty or blank one gets the one code (docs/api.md "One code per fault").
REASONED = [
    f"POST {API}campaign-applications/{{id}}/reject/",
    f"POST {API}commissions/{{id}}/void/",
    f"POST {API}payout-holds/",
    f"POST {API}payouts/bulk/",
    f"POST {API}payouts/{{id}}/mark-failed/",
    f"POST {API}payouts/{{id}}/reject/",
    *(f"POST {API}{kind}/{{id}}/{action}/" for kind in ("merchants", "promoters", "store-domains")
      for action in ("reject", "suspend")),
]  # fmt: skip
rule(REASONED, "reason_required", "reason")
PAYMENTS = [
    f"POST {API}payouts/bulk/",
    f"POST {API}payouts/{{id}}/mark-paid/",
    f"POST {API}statements/{{id}}/mark-paid/",
]
rule(PAYMENTS, "reference_required", "reference")
# Confirming a fraud flag says why (the bulk body allows "" for a clear, which needs no note),
# and so do a promoter's appeal and a merchant's report.
NOTED = [
    f"POST {API}fraud-flags/bulk/",
    f"POST {API}fraud-flags/{{id}}/confirm/",
    f"POST {API}penalised-orders/{{id}}/appeal/",
    f"POST {API}order-reports/",
]
rule(NOTED, "note_required", "note")
# An uploaded file is not empty, is UTF-8 CSV, an XLSX workbook or JSON Lines, and its name or
# `format` says which: the schema declares a binary file.
EMPTY = "The submitted file is empty."
IMPORTS = [f"POST {API}product-imports/"]
rule(IMPORTS, VALIDATION, "file", "Upload a .csv or .xlsx file", "Old .xls workbooks", EMPTY)
rule(IMPORTS, "invalid_encoding", "file")
rule(IMPORTS, "invalid_file", "file")
BACKFILL = [f"POST {API}order-events/backfill/"]
rule(BACKFILL, VALIDATION, "file", EMPTY)
rule(BACKFILL, "error", "file", "The file is not UTF-8 text.")


def _error(response) -> tuple[str, dict] | None:
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return None
    return error.get("code"), error.get("fields") or {}


def _justified(operation: str, code: str, fields: dict) -> bool:
    """Every field the error names is refused by a listed rule."""
    rules = RULES.get(operation, {})
    if not fields:
        return (code, None) in rules
    for field, messages in fields.items():
        messages = [str(message) for message in messages]
        name = field.split(".")[0]
        if name in FOREIGN_KEYS and all(m.startswith(UNKNOWN_ROW) for m in messages):
            continue
        if messages == [BLANK]:
            continue
        if (code, name) not in rules:
            return False
        said = rules[(code, name)]
        if said is not None and not all(m.startswith(said) for m in messages):
            return False
    return True


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Drop a schema-valid request's 400 only when a listed rule refused it."""
    if getattr(failure, "code", None) != "ST202" or response.status_code != 400:
        return True
    error = _error(response)
    if error is None:
        return True
    code, fields = error
    operation = f"{case.method.upper()} {case.operation.path}"
    justified = _justified(operation, code, fields)
    log = os.environ.get("ALLIANCE_CONTRACT_LOG")
    if log:
        with open(log, "a") as out:
            entry = {"operation": operation, "code": code, "fields": fields, "kept": not justified}
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return not justified

"""Schemathesis hooks of the contract test, loaded by `schemathesis run` (`hooks` in
schemathesis.toml), so they run in the schemathesis process, not in Django's.

A generated id is a random number: alone, it reaches only the 404 answers. When
ALLIANCE_CONTRACT_IDS names a JSON file of the rows the test's world holds (every tenant's:
`{"path": {"<collection>": [ids]}, "body": {"<field>": [ids]}}`), each case of the examples,
coverage and fuzzing phases gets, in place of the generated id in its path and of each foreign
key in its body, one of those rows or its own value, chosen by a hash of the case, so a run
repeats. A component generated invalid on purpose (negative mode) keeps its value, and the
stateful phase is left alone: its ids come from the links. Without the file nothing changes.
"""

import hashlib
import json
import os
from pathlib import Path

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import TestPhase

PATH_PARAMETERS = {"id", "merchant_id"}


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


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if meta is None or meta.phase.name == TestPhase.STATEFUL:
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
    return case

"""JSON Schema of each record type, for scripts that feed `antq records put`."""

from __future__ import annotations

from typing import Any

from desktop_app.records.catalog import FieldSpec, RecordType
from desktop_app.records.labels import choice_label

ID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def json_schema(rtype: RecordType) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": {"type": "string", "pattern": ID_PATTERN, "description": "Mã hồ sơ (khi sửa)"}
    }
    properties.update({spec.name: _property(spec) for spec in rtype.fields})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"antq:{rtype.name}",
        "title": rtype.label,
        "type": "object",
        "properties": properties,
        "required": [spec.name for spec in rtype.fields if spec.required],
        "additionalProperties": False,
        "x-sensitive": rtype.sensitive,
    }


def _property(spec: FieldSpec) -> dict[str, Any]:
    prop: dict[str, Any] = {"title": spec.label}
    prop.update(_TYPES.get(spec.kind, {"type": "string"}))
    if spec.kind == "text" and spec.max_length:
        prop["maxLength"] = spec.max_length
    if spec.kind == "choice":
        prop["enum"] = list(spec.choices)
        prop["x-labels"] = {c: choice_label(c) for c in spec.choices}
    if spec.kind == "vocab":
        prop["x-vocabulary"] = spec.vocabulary
    if spec.kind == "ref":
        prop["pattern"] = ID_PATTERN
        prop["x-ref"] = spec.ref
    if spec.minimum is not None:
        prop["minimum"] = spec.minimum
    if not spec.required:
        prop = {"anyOf": [prop, {"type": "null"}]}
    return prop


_TYPES: dict[str, dict[str, Any]] = {
    "id_number": {"type": "string", "pattern": "^[0-9]{12}$"},
    "phone": {"type": "string", "pattern": "^(\\+84|0)[0-9 .-]{9,13}$"},
    "date": {"type": "string", "format": "date"},
    "local_time": {"type": "string", "format": "date-time"},
    "instant": {"type": "string", "format": "date-time"},
    "int": {"type": "integer"},
    "bool": {"type": "boolean"},
}

"""Checks the TypedDicts of ``dvctt._types`` (installed) against the JSON
Schemas generated from the Rust types (``schemas/api/`` at the repository
root; regenerate them with
``UPDATE_SCHEMAS=1 cargo test -p dvctt --features schema --test schemas``).

For every TypedDict and the schema of the type of the same name (a variant
of a ``kind``-tagged enum for ``Cadence*``, ``ReportDue*``, ``Cell*``):

* the same keys;
* a key is required in the TypedDict exactly when serde needs it on input
  (``required`` in ``input.json``) or always writes it without a default
  (``required`` in ``output.json``, no ``default``): keys with
  ``#[serde(default)]`` and keys skipped when empty are in the
  ``total=False`` part;
* ``Optional`` exactly where the schema allows ``null``;
* a ``Literal`` union equals the schema's enum strings;
* nested TypedDicts are the types the schema refers to.

Every Literal alias named like a schema enum (``IndicatorId``, ``Source``,
...) must have the same strings.
"""

from __future__ import annotations

import json
import pathlib
import typing
from typing import Any, Dict, List, Optional, Set, Tuple

import pytest

from dvctt import _types

SCHEMAS = pathlib.Path(__file__).resolve().parents[2] / "schemas" / "api"

#: Tagged enums whose variants are separate TypedDicts, by prefix, and their tag.
TAGS = {
    "Cadence": "kind",
    "ReportDue": "kind",
    "Cell": "kind",
    "NotComputedReason": "code",
    "CascadeDetail": "code",
}
TAGGED = tuple(TAGS)

#: Schema types with no TypedDict of their own, and why.
NO_TYPEDDICT: Dict[str, str] = {}


def _load(name: str) -> Dict[str, Any]:
    with open(SCHEMAS / name, encoding="utf-8") as f:
        defs: Dict[str, Any] = json.load(f)["$defs"]
    return defs


INPUT = _load("input.json")
OUTPUT = _load("output.json")


def _typeddicts() -> Dict[str, Any]:
    out = {}
    for name, obj in vars(_types).items():
        if name.startswith("_") or not isinstance(obj, type):
            continue
        if issubclass(obj, dict) and hasattr(obj, "__required_keys__"):
            out[name] = obj
    return out


TYPEDDICTS = _typeddicts()


def _is_typeddict(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, dict) and hasattr(t, "__required_keys__")


# ------------------------------------------------------------------ schemas


def _def_name(ref: str) -> str:
    assert ref.startswith("#/$defs/"), ref
    return ref[len("#/$defs/") :]


def _enum_strings(schema: Dict[str, Any]) -> Optional[Set[str]]:
    """The strings of a string enum (``enum`` or ``oneOf`` of ``const``s), else None."""
    if "enum" in schema:
        return {v for v in schema["enum"] if v is not None}
    branches = schema.get("oneOf") or schema.get("anyOf")
    if not branches:
        return None
    out: Set[str] = set()
    for b in branches:
        if isinstance(b.get("const"), str):
            out.add(b["const"])
        elif b.get("type") == "string" and "enum" in b:
            out |= set(b["enum"])
        else:
            return None
    return out


def _resolve_enum(schema: Dict[str, Any], defs: Dict[str, Any]) -> Optional[Set[str]]:
    """Enum strings of a property (through ``$ref``, ``anyOf`` with null, arrays)."""
    if "$ref" in schema:
        return _enum_strings(defs[_def_name(schema["$ref"])])
    direct = _enum_strings(schema)
    if direct is not None:
        return direct
    found: Set[str] = set()
    any_enum = False
    for sub in schema.get("anyOf", []) + schema.get("oneOf", []):
        e = _resolve_enum(sub, defs)
        if e is not None:
            found |= e
            any_enum = True
    if "items" in schema:
        e = _resolve_enum(schema["items"], defs)
        if e is not None:
            found |= e
            any_enum = True
    return found if any_enum else None


def _object_refs(schema: Dict[str, Any], defs: Dict[str, Any]) -> Set[str]:
    """Names of the object types a property refers to (untagged unions expanded)."""
    out: Set[str] = set()
    if "$ref" in schema:
        name = _def_name(schema["$ref"])
        target = defs[name]
        if _enum_strings(target) is not None:
            return out
        union = target.get("anyOf")
        if union and all("$ref" in b for b in union):
            for b in union:
                out |= _object_refs(b, defs)
        else:
            out.add(name)
        return out
    for sub in schema.get("anyOf", []) + schema.get("oneOf", []):
        out |= _object_refs(sub, defs)
    if isinstance(schema.get("items"), dict):
        out |= _object_refs(schema["items"], defs)
    return out


def _nullable(schema: Dict[str, Any]) -> bool:
    t = schema.get("type")
    if t == "null" or (isinstance(t, list) and "null" in t):
        return True
    if schema.get("const", 0) is None:
        return True
    return any(_nullable(s) for s in schema.get("anyOf", []) + schema.get("oneOf", []))


def _object_schemas(td_name: str) -> List[Tuple[str, Dict[str, Any], Dict[str, Any]]]:
    """``(label, input schema, output schema)`` of the object(s) a TypedDict describes."""
    if td_name in INPUT:
        return [(td_name, INPUT[td_name], OUTPUT[td_name])]
    for enum in TAGGED:
        if td_name.startswith(enum) and td_name != enum:
            tag = TAGS[enum]
            hints = typing.get_type_hints(TYPEDDICTS[td_name])
            if tag not in hints:
                continue  # another type whose name begins alike (CascadeDetail…, CascadeStep)
            kinds = _literals(hints[tag])
            out = []
            for i_branch, o_branch in zip(INPUT[enum]["oneOf"], OUTPUT[enum]["oneOf"]):
                if i_branch["properties"][tag]["const"] in kinds:
                    label = f"{enum}[{tag}={i_branch['properties'][tag]['const']}]"
                    out.append((label, i_branch, o_branch))
            assert {o[0] for o in out}, f"{td_name}: no variant of {enum} with kind {kinds}"
            assert len(out) == len(kinds), f"{td_name}: kinds {kinds} not all in {enum}"
            return out
    return []


# ------------------------------------------------------------------ type hints


def _literals(t: Any) -> Set[str]:
    if typing.get_origin(t) is typing.Literal:
        return {a for a in typing.get_args(t) if isinstance(a, str)}
    out: Set[str] = set()
    for a in typing.get_args(t):
        out |= _literals(a)
    return out


def _typeddict_refs(t: Any) -> Set[str]:
    if _is_typeddict(t):
        name: str = t.__name__
        for enum in TAGGED:
            if name.startswith(enum) and name not in INPUT:
                return {enum}
        return {name}
    out: Set[str] = set()
    for a in typing.get_args(t):
        out |= _typeddict_refs(a)
    return out


def _optional(t: Any) -> bool:
    return typing.get_origin(t) is typing.Union and type(None) in typing.get_args(t)


# ------------------------------------------------------------------ the check


def drift(td_name: str) -> List[str]:
    """What differs between TypedDict ``td_name`` and its schema (empty: nothing)."""
    td = TYPEDDICTS[td_name]
    hints = typing.get_type_hints(td)
    problems: List[str] = []
    for label, s_in, s_out in _object_schemas(td_name):
        props_in: Dict[str, Any] = s_in.get("properties", {})
        props_out: Dict[str, Any] = s_out.get("properties", {})
        keys = set(td.__required_keys__) | set(td.__optional_keys__)
        if keys != set(props_in):
            problems.append(
                f"{label}: keys only in the TypedDict {sorted(keys - set(props_in))}, "
                f"only in the schema {sorted(set(props_in) - keys)}"
            )
        required = set(s_in.get("required", [])) | {
            k for k in s_out.get("required", []) if "default" not in props_in.get(k, {})
        }
        for key in sorted(keys & set(props_in)):
            where = f"{label}.{key}"
            in_td = key in td.__required_keys__
            if in_td != (key in required):
                problems.append(
                    f"{where}: {'required' if in_td else 'total=False'} in the TypedDict, "
                    f"{'required' if key in required else 'optional (default or skipped)'} "
                    "in the schema"
                )
            hint = hints[key]
            prop = props_out[key]
            # A key skipped when None is absent rather than null in output.
            skipped = key not in s_out.get("required", [])
            if _optional(hint) != _nullable(prop) and not (skipped and not _optional(hint)):
                problems.append(
                    f"{where}: Optional in the TypedDict: {_optional(hint)}, "
                    f"null in the schema: {_nullable(prop)}"
                )
            lits = _literals(hint)
            enum = _resolve_enum(prop, OUTPUT)
            if key in ("kind", "code") and label != td_name:
                pass  # the tag of a variant, checked when the variant was chosen
            elif enum is not None and lits != enum:
                problems.append(
                    f"{where}: Literal {sorted(lits)} in the TypedDict, "
                    f"enum {sorted(enum)} in the schema"
                )
            elif enum is None and len(lits) == 1 and prop.get("type") == "string":
                pass  # a constant the TypedDict narrows (a report's ``schema``)
            elif enum is None and lits and "const" not in prop:
                problems.append(f"{where}: Literal {sorted(lits)} in the TypedDict, no enum")
            refs = _typeddict_refs(hint)
            schema_refs = _object_refs(prop, OUTPUT)
            if refs != schema_refs:
                problems.append(
                    f"{where}: refers to {sorted(refs)} in the TypedDict, "
                    f"to {sorted(schema_refs)} in the schema"
                )
    return problems


def test_schemas_found() -> None:
    assert len(INPUT) > 100 and set(INPUT) == set(OUTPUT), SCHEMAS
    assert len(TYPEDDICTS) > 90, sorted(TYPEDDICTS)


@pytest.mark.parametrize("name", sorted(TYPEDDICTS))
def test_typeddict_matches_schema(name: str) -> None:
    assert _object_schemas(name), f"{name}: no schema type of that name in {SCHEMAS}"
    problems = drift(name)
    assert not problems, "\n".join(problems)


def test_every_schema_object_has_a_typeddict() -> None:
    missing = []
    for name, schema in sorted(INPUT.items()):
        if _enum_strings(schema) is not None or name in TAGGED or name in NO_TYPEDDICT:
            continue
        if schema.get("type") == "object" and name not in TYPEDDICTS:
            missing.append(name)
    assert not missing, f"schema types with no TypedDict in dvctt._types: {missing}"


def _literal_aliases() -> Dict[str, Set[str]]:
    out = {}
    for name, obj in vars(_types).items():
        if name.startswith("_") or _is_typeddict(obj):
            continue
        lits = _literals(obj)
        if lits and typing.get_origin(obj) in (typing.Union, typing.Literal):
            out[name] = lits
    return out


@pytest.mark.parametrize("name", sorted(_literal_aliases()))
def test_literal_alias_matches_schema_enum(name: str) -> None:
    if name not in OUTPUT:
        pytest.skip(f"{name} is not a type of its own in the schema")
    enum = _enum_strings(OUTPUT[name])
    assert enum is not None, f"{name} is not an enum in the schema"
    assert _literal_aliases()[name] == enum

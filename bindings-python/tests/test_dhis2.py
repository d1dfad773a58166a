"""DHIS2 in and out through the Python API, on the DHIS2-shaped payloads of
``examples/dhis2/``: export → import gives back the aggregates computed
from; a dataValueSets payload reads as aggregates; organisationUnits reads
as an org document."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List, Tuple

import pytest

import dvctt

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples" / "dhis2"


def _mapping() -> Dict[str, Any]:
    m: Dict[str, Any] = json.loads((EXAMPLES / "hcm-mapping.json").read_text(encoding="utf-8"))
    return m


AGGREGATES: List[dvctt.Aggregate] = [
    {"indicator": "online_dossier_share", "unit_code": "BV-NHIDONG1", "period": "2026Q1", "numerator": 412, "denominator": 500},
    {"indicator": "online_dossier_share", "unit_code": "BV-DALIEU", "period": "2026Q1", "numerator": 0, "denominator": 120},
    {"indicator": "satisfaction_rate", "unit_code": "TTKSBT", "period": "2026Q1", "numerator": 88, "denominator": 95},
    {"indicator": "events_held", "unit_code": "SYT-VP", "period": "2026Q1", "numerator": 3, "denominator": 0},
]


def _key(a: Dict[str, Any]) -> Tuple[str, str, str, float, float]:
    return (a["indicator"], a["unit_code"], a["period"], float(a["numerator"]), float(a["denominator"]))


def _results() -> List[dvctt.IndicatorResult]:
    data: dvctt.Dataset = {"aggregates": AGGREGATES}
    out: List[dvctt.IndicatorResult] = []
    for ind in ("online_dossier_share", "satisfaction_rate", "events_held"):
        q: dvctt.Query = {"indicator": ind, "period": "2026Q1", "by_unit": True, "source": "aggregates"}
        out += dvctt.compute_indicator(data, q)
    return out


def test_export_then_import_gives_the_same_aggregates() -> None:
    payload = dvctt.dhis2_data_value_set(_results(), _mapping())
    values = json.loads(payload)["dataValues"]
    assert all(isinstance(v["value"], str) for v in values)
    back = dvctt.dhis2_read_data_value_set(payload, _mapping())
    assert sorted(map(_key, back["aggregates"])) == sorted(map(_key, AGGREGATES))
    assert all("recomputes" in m for m in back["not_imported"])


def test_a_dhis2_payload_reads_as_aggregates() -> None:
    text = (EXAMPLES / "dataValueSets.json").read_text(encoding="utf-8")
    got = dvctt.dhis2_read_data_value_set(text, _mapping())
    assert sorted(map(_key, got["aggregates"])) == sorted(
        [
            ("events_held", "SYT-VP", "202605", 3.0, 0.0),
            ("online_dossier_share", "BV-DALIEU", "2026Q2", 0.0, 120.0),
            ("online_dossier_share", "BV-NHIDONG1", "2026Q2", 412.0, 500.0),
            ("satisfaction_rate", "TTKSBT", "2026Q2", 88.0, 95.0),
        ]
    )
    assert len(got["not_imported"]) == 2
    bad = json.loads(text)
    bad["dataValues"][3]["orgUnit"] = "notMapped01"
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dhis2_read_data_value_set(json.dumps(bad), _mapping())
    assert e.value.path == "dataValues[3].orgUnit"


def test_adx_and_errors() -> None:
    xml = dvctt.dhis2_adx(_results(), _mapping(), "2026-07-01T08:00:00+07:00")
    assert xml.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-07-01T08:00:00+07:00">'
    )
    assert xml == dvctt.dhis2_adx(_results(), _mapping(), exported="2026-07-01T08:00:00+07:00")
    assert 'exported="' in dvctt.dhis2_adx(_results(), _mapping())
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dhis2_adx(_results(), _mapping(), "July")
    assert e.value.path == "exported"
    assert 'period="2026-01-01/P3M"' in xml
    assert 'SATISFACTION="SATISFIED" value="88"' in xml
    m = _mapping()
    del m["org_units"]["TTKSBT"]
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dhis2_data_value_set(_results(), m)
    assert e.value.path.endswith(".unit_code")


def test_organisation_units_become_an_org_document() -> None:
    doc = dvctt.dhis2_org_units((EXAMPLES / "organisationUnits.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "dvctt/org@1"
    units = {u["code"]: u for u in doc["units"]}
    assert units["SYT-VP"]["parent"] == "SYT-HCM"
    assert units["TTKSBT"]["tags"] == ["dhis2:hcmTTKSBT01"]
    assert units["hcmQ1000001"]["valid_to"] == "2025-06-30"
    # A valid org document for the rest of the API.
    assert [u["code"] for u in dvctt.org_units_at(doc, "2026-01-01", 1)] == ["SYT-HCM"]


def test_adx_out_and_back_in_gives_the_same_aggregates() -> None:
    xml = dvctt.dhis2_adx(_results(), _mapping(), "2026-07-01T08:00:00+07:00")
    back = dvctt.dhis2_read_adx(xml, _mapping())
    by_json = dvctt.dhis2_read_data_value_set(dvctt.dhis2_data_value_set(_results(), _mapping()), _mapping())
    assert back["aggregates"] == by_json["aggregates"]
    assert len(back["aggregates"]) > 0
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dhis2_read_adx(xml.replace("2026-01-01/P3M", "2026-01-02/P3M"), _mapping())
    assert e.value.path.endswith(".period")

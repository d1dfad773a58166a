"""Real exports in Python: bytes of CSV in other separators and encodings,
workbooks, read options, absent columns, and a panic inside the core."""

import unicodedata
from pathlib import Path

import pytest

import dvctt

ROOT = Path(__file__).resolve().parents[2]
SHEETS = ROOT / "tests" / "sheets"
HEAD = "dossier_id;unit_code;procedure_code;sector;received_on;channel;fully_online"


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters with their own marks (ơ, ư,
    â, ă …) precomposed, tone marks as separate characters."""
    out = []
    for ch in text:
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_semicolons_day_first_and_windows_1258() -> None:
    text = HEAD + ";note\nD1;U1;1.001;Dược;10/09/2025 08:30;online;true;Đơn vị\n"
    load = dvctt.read_bytes("dossiers", cp1258(text), "d.csv")
    (d,) = load["dataset"]["dossiers"]
    assert d["received_on"] == "2025-09-10"
    assert d["sector"] == "Dược"
    absent = [a["column"] for a in load["dataset"]["absent_columns"]]
    assert "digitized" in absent


def test_options_are_checked_and_used() -> None:
    text = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n" \
        "D1,U1,1.001,y_te,09/13/2025,online,true\n"
    load = dvctt.read_bytes("dossiers", text.encode(), "d.csv", {"date_format": "%m/%d/%Y"})
    assert load["dataset"]["dossiers"][0]["received_on"] == "2025-09-13"
    with pytest.raises(dvctt.DataError) as e:
        dvctt.read_bytes("dossiers", text.encode(), "d.csv", {"delimiter": "#"})
    assert e.value.path == "delimiter"
    with pytest.raises(dvctt.DataError) as e:
        dvctt.read_bytes("dossiers", text.encode(), "d.csv", {"sheat": "x"})
    assert "sheat" in str(e.value)


def test_workbooks() -> None:
    for name in ["dossiers.xlsx", "dossiers.ods"]:
        load = dvctt.read_bytes("dossiers", (SHEETS / name).read_bytes(), name, strict=False)
        assert len(load["dataset"]["dossiers"]) == 3
        lines = [(r["line"], r["field"]) for r in load["rejected"]]
        assert lines == [(9, "received_on"), (10, "dossier_id")]
        assert load["rejected"][0]["file"] == f"{name}[Hồ sơ]"


def test_absent_column_is_not_computed() -> None:
    text = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n" \
        "D1,U1,1.001,y_te,2026-01-05,online,true\n"
    data = dvctt.read_csv_text("dossiers", text, "d.csv")["dataset"]
    with pytest.raises(dvctt.NotComputedError) as e:
        dvctt.compute_indicator(data, {"indicator": "digitized_dossier_share", "period": "2026"})
    assert e.value.indicator == "digitized_dossier_share"
    assert e.value.reason == "d.csv has no `digitized` column"
    # The reason as a message code with its parameters.
    assert e.value.code == "columns_absent"
    assert e.value.columns == [{"source": "d.csv", "column": "digitized"}]


def test_a_panic_in_the_core_is_an_exception_and_python_goes_on() -> None:
    with pytest.raises(BaseException) as e:
        dvctt.debug_panic("boom")
    assert "boom" in str(e.value)
    assert not isinstance(e.value, (SystemExit, KeyboardInterrupt))
    assert len(dvctt.indicator_catalogue()) > 10

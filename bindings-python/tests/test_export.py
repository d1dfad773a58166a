"""Exports of publishing tables, read back with independent readers
(openpyxl for XLSX, the csv module for CSV)."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest

import dvctt

TABLE: dvctt.Table = {
    "key": "units",
    "title_vi": "Kết quả theo đơn vị",
    "title_en": "Results by unit",
    "columns": [
        {"key": "unit", "vi": "Đơn vị", "en": "Unit", "kind": "text"},
        {"key": "received", "vi": "Số hồ sơ tiếp nhận", "en": "Dossiers received", "kind": "integer"},
        {"key": "rate", "vi": "Tỷ lệ trực tuyến", "en": "Online share", "kind": "percent"},
        {"key": "due", "vi": "Hạn báo cáo", "en": "Due", "kind": "date"},
    ],
    "rows": [
        [
            {"kind": "text", "value": "Bệnh viện Nhi Đồng 1"},
            {"kind": "integer", "value": 1234},
            {"kind": "percent", "value": 80.5},
            {"kind": "date", "value": "2025-12-14"},
        ],
        [
            {"kind": "text", "value": "Trạm Y tế <Bến Nghé> & \"Đa Kao\""},
            {"kind": "integer", "value": 3},
            {"kind": "suppressed"},
            {"kind": "empty"},
        ],
    ],
    "notes_vi": ["* : số liệu được ẩn vì mẫu số nhỏ hơn 5"],
    "notes_en": ["* : withheld, denominator below 5"],
}


def test_xlsx_reads_back_with_headers_values_and_formats() -> None:
    data = dvctt.tables_to_xlsx([TABLE, TABLE])
    assert isinstance(data, bytes)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Kết quả theo đơn vị", "Kết quả theo đơn vị (2)"]
    ws = wb.worksheets[0]
    assert ws["A1"].value == "Kết quả theo đơn vị"
    assert [c.value for c in ws[2]] == ["Đơn vị", "Số hồ sơ tiếp nhận", "Tỷ lệ trực tuyến", "Hạn báo cáo"]
    assert ws["A3"].value == "Bệnh viện Nhi Đồng 1"
    assert ws["B3"].value == 1234
    assert ws["B3"].number_format == "#,##0"
    # 80.5% is stored as the fraction, shown as 80,5% by a Vietnamese Excel.
    assert ws["C3"].value == pytest.approx(0.805)
    assert ws["C3"].number_format == "0.0%"
    assert ws["D3"].value == datetime(2025, 12, 14)
    assert ws["D3"].number_format == "dd/mm/yyyy"
    assert ws["A4"].value == 'Trạm Y tế <Bến Nghé> & "Đa Kao"'
    assert ws["C4"].value == "*"
    assert ws["D4"].value is None
    assert ws["A6"].value == "* : số liệu được ẩn vì mẫu số nhỏ hơn 5"
    assert ws.freeze_panes == "A3"


def test_xlsx_in_english() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(dvctt.tables_to_xlsx(TABLE, lang="en")))
    ws = wb.active
    assert ws is not None
    assert wb.sheetnames == ["Results by unit"]
    assert [c.value for c in ws[2]] == ["Unit", "Dossiers received", "Online share", "Due"]


def test_csv_markdown_html() -> None:
    rows = list(csv.reader(io.StringIO(dvctt.table_to_csv(TABLE))))
    assert rows == [
        ["unit", "received", "rate", "due"],
        ["Bệnh viện Nhi Đồng 1", "1234", "80.5", "2025-12-14"],
        ['Trạm Y tế <Bến Nghé> & "Đa Kao"', "3", "", ""],
    ]
    md = dvctt.tables_to_markdown([TABLE])
    assert "| Bệnh viện Nhi Đồng 1 | 1.234 | 80,5% | 14/12/2025 |" in md
    md_en = dvctt.tables_to_markdown([TABLE], lang="en")
    assert "| Bệnh viện Nhi Đồng 1 | 1,234 | 80.5% | 2025-12-14 |" in md_en
    html = dvctt.tables_to_html([TABLE])
    assert '<html lang="vi">' in html
    assert "Trạm Y tế &lt;Bến Nghé&gt; &amp; &quot;Đa Kao&quot;" in html
    assert dvctt.format_cell({"kind": "percent", "value": 80.5}) == "80,5%"
    total: dvctt.Cell = {"kind": "label", "value": {"vi": "Tổng", "en": "Total"}}
    assert dvctt.format_cell(total) == "Tổng"
    assert dvctt.format_cell(total, "en") == "Total"
    assert dvctt.format_cell({"kind": "date", "value": date(2025, 12, 14).isoformat()}, "en") == "2025-12-14"


def test_bad_tables_name_the_path() -> None:
    bad = dict(TABLE, rows=[TABLE["rows"][0][:3]])
    with pytest.raises(dvctt.DataError) as e:
        dvctt.tables_to_xlsx([TABLE, bad])
    assert e.value.path == "[1].rows[0]"
    with pytest.raises(dvctt.DataError) as e:
        dvctt.tables_to_markdown(TABLE, lang="fr")  # type: ignore[arg-type]
    assert e.value.path == "lang"

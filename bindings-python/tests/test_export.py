"""Exports of publishing tables, read back with independent readers
(openpyxl for XLSX, the csv module for CSV)."""

import csv
import io
import json
import pathlib
import zipfile
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
    # Headings and the first column frozen, an autofilter on the headings,
    # landscape A4 fitted to the page width.
    assert ws.freeze_panes == "B3"
    assert ws.auto_filter.ref == "A2:D4"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    # One page wide (1, the default, is not written), as many pages tall as needed.
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # The same tables give the same bytes; the parts are compressed.
    assert dvctt.tables_to_xlsx([TABLE, TABLE]) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.getinfo("xl/worksheets/sheet1.xml").compress_type == zipfile.ZIP_DEFLATED


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


ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_form06_workbook_has_the_official_two_row_headings() -> None:
    load = dvctt.read_csv_file("dossiers", str(ROOT / "examples" / "data" / "dossiers.csv"), True)
    # With the org tree, SYT-HCM's subtree: sector rows above the total.
    org = json.loads((ROOT / "examples" / "org" / "hcm-health-2026.json").read_text(encoding="utf-8"))
    form = dvctt.tthc_form06(load["dataset"], ["SYT-HCM"], "2026Q2", org)
    assert len(form["rows"]) == 5
    tables = dvctt.form06_tables(form)
    wb = openpyxl.load_workbook(io.BytesIO(dvctt.tables_to_xlsx(tables)))
    ws = wb.worksheets[0]
    merged = sorted(str(r) for r in ws.merged_cells.ranges)
    assert merged == ["A2:A3", "B2:E2", "F2:I2", "J2:L2"]
    assert ws["A2"].value == "Lĩnh vực giải quyết"
    assert ws["B2"].value == "Số hồ sơ nhận giải quyết"
    assert ws["F2"].value == "Số hồ sơ đã giải quyết"
    assert ws["J2"].value == "Số hồ sơ đang giải quyết"
    assert [ws.cell(3, c).value for c in (2, 6, 10)] == ["Tổng số"] * 3
    assert ws["B2"].font.b and ws["B2"].alignment.horizontal == "center"
    # The form's column numbers (1)…(11) in row 4, under the headings.
    assert ws["A4"].value is None
    assert [ws.cell(4, c).value for c in range(2, 13)] == [f"({i})" for i in range(1, 12)]
    # Data from row 5: the total row adds up, counts formatted #,##0, bold.
    n = len(form["rows"])
    total = n + 5
    assert ws.cell(total, 1).value == "Tổng cộng"
    assert ws.cell(total, 2).value == form["total"]["received"]["total"]
    assert ws.cell(total, 2).number_format == "#,##0"
    assert ws.cell(total, 2).value == sum(ws.cell(r, 2).value for r in range(5, total))
    assert ws.cell(total, 1).font.b and ws.cell(total, 12).font.b
    assert not ws.cell(5, 2).font.b
    # Frozen under the numbers; the autofilter leaves the total row out.
    assert ws.freeze_panes == "B5"
    assert ws.auto_filter.ref == f"A4:L{total - 1}"


def _progress_table() -> dvctt.Table:
    def pct(v: float) -> dvctt.Cell:
        return {"kind": "percent", "value": v}

    return {
        "key": "targets",
        "title_vi": "Đánh giá chỉ tiêu",
        "title_en": "Targets",
        "columns": [
            {"key": "target", "vi": "Chỉ tiêu", "en": "Target", "kind": "text"},
            {"key": "value", "vi": "Kết quả", "en": "Value", "kind": "percent", "decimals": 2},
            {"key": "threshold", "vi": "Mức chỉ tiêu", "en": "Threshold", "kind": "percent"},
        ],
        "rows": [
            [{"kind": "text", "value": "online-80"}, pct(78.875), pct(80.0)],
            [{"kind": "text", "value": "satisfaction-95"}, pct(96.5), pct(95.0)],
        ],
    }


def test_a_targets_table_gets_a_native_chart_and_its_decimals() -> None:
    data = dvctt.tables_to_xlsx(_progress_table())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        chart = z.read("xl/charts/chart1.xml").decode("utf-8")
    assert "<c:barChart>" in chart
    # Two series, value and threshold, over the two rows.
    assert "$B$3:$B$4" in chart and "$C$3:$C$4" in chart
    assert "Tiến độ so với chỉ tiêu" in chart
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws["B3"].value == pytest.approx(0.78875)
    assert ws["B3"].number_format == "0.00%"
    assert ws["C3"].number_format == "0.0%"
    assert dvctt.tables_to_markdown(_progress_table()).count("78,88%") == 1

"""Makes the workbooks the sheet readers are tested on, shaped like a
one-stop system's export: a title block above the header, date cells,
numbers as numbers, a date typed as an Excel serial number, an empty row,
a second sheet. Run from the repository root with openpyxl installed:

    python3 tests/sheets/make.py

then convert the XLSX to ODS with LibreOffice:

    libreoffice --headless --convert-to ods --outdir tests/sheets tests/sheets/dossiers.xlsx

The files are committed; this script says how they were made.
"""
import datetime as dt
import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Hồ sơ"
ws.append(["UBND TỈNH BÀ RỊA - VŨNG TÀU"])
ws.append(["DANH SÁCH HỒ SƠ TTHC (trích xuất từ hệ thống một cửa)"])
ws.append([])
ws.append(["dossier_id", "unit_code", "procedure_code", "sector", "received_on",
           "channel", "fully_online", "due_on", "completed_on", "paused_days"])
ws.append(["HS001", "SYT", "1.001", "Dược", dt.datetime(2025, 9, 10, 8, 30),
           "online", True, dt.date(2025, 9, 20), dt.date(2025, 9, 12), 0])
ws.append(["HS002", "SYT", 1.002, "Dược", "11/09/2025", "direct", False, None, None, None])
ws.append([])
# A date typed as a number (an Excel serial: 45911 = 2025-09-11).
ws.append(["HS003", "SYT", "1.001", "Y tế", 45911, "online", "true", None, None, 2])
ws.append(["HS004", "SYT", "1.001", "Y tế", "31/02/2025", "online", "true", None, None, None])
ws.append(["HS001", "SYT", "1.001", "Y tế", "12/09/2025", "postal", "false", None, None, None])
for row in ws.iter_rows(min_row=5, min_col=5, max_col=5):
    for c in row:
        if isinstance(c.value, (dt.date, dt.datetime)):
            c.number_format = "dd/mm/yyyy"
other = wb.create_sheet("Khảo sát")
other.append(["response_id", "unit_code", "responded_on", "satisfied"])
other.append(["R1", "SYT", dt.date(2025, 9, 12), True])
wb.save("tests/sheets/dossiers.xlsx")

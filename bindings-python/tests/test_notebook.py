"""The example notebook (examples/notebooks/), executed with nbclient by a
kernel of this venv (the installed wheel): every cell runs, the chart and
the workbook it writes exist and are not empty."""

from __future__ import annotations

import pathlib

import nbclient
import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "notebooks" / "hcm-2026-targets.ipynb"


def test_the_example_notebook_runs_and_writes_its_chart(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DVCTT_EXAMPLES", str(ROOT / "examples"))
    monkeypatch.setenv("DVCTT_OUT", str(tmp_path / "out"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    chart = tmp_path / "out" / "hcm-2026-progress.png"
    assert chart.exists() and chart.stat().st_size > 10_000
    assert chart.read_bytes()[:4] == b"\x89PNG"
    workbook = tmp_path / "out" / "hcm-2026-targets.xlsx"
    assert workbook.read_bytes()[:2] == b"PK"
    # The table shown in the notebook: Vietnamese first, then English.
    html = [
        o["data"]["text/html"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "data" in o and "text/html" in o["data"]
    ]
    assert any("Bộ dữ liệu dvctt" in h for h in html)
    assert any("Đánh giá chỉ tiêu" in h for h in html)
    assert any("Target evaluations" in h for h in html)

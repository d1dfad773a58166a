"""The Python README's code blocks, run in order in one namespace from the
repository root (where their example paths point), so they cannot drift."""

from __future__ import annotations

import os
import pathlib
import re
from typing import Any, Dict, List

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
README = ROOT / "bindings-python" / "README.md"


def blocks() -> List[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.S | re.M)


def test_the_readme_has_code_blocks() -> None:
    assert len(blocks()) >= 5


def test_the_readme_code_blocks_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    namespace: Dict[str, Any] = {"__name__": "readme"}
    for i, code in enumerate(blocks()):
        try:
            exec(compile(code, f"{README.name}[block {i}]", "exec"), namespace)
        except Exception as e:  # name the block that failed
            raise AssertionError(f"README block {i} failed: {e!r}\n{code}") from e
    out = capsys.readouterr().out
    assert "dvctt.Data(dossiers=4000, survey=1500; 0 rejected)" in out
    assert "dossiers[1].channel" in out
    assert os.getcwd() == str(ROOT)

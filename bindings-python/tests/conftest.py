"""The tests must exercise the installed wheel, never the source tree."""

from __future__ import annotations

import pathlib

import pytest

import dvctt

SRC = pathlib.Path(__file__).resolve().parents[1] / "python"
_HERE = pathlib.Path(dvctt.__file__).resolve()

# Fail at collection if dvctt came from bindings-python/python instead of site-packages.
assert SRC not in _HERE.parents, f"dvctt imported from the source tree: {_HERE}"
assert "site-packages" in _HERE.parts, f"dvctt not imported from site-packages: {_HERE}"


def pytest_report_header(config: pytest.Config) -> str:
    return f"dvctt {dvctt.__version__} imported from: {dvctt.__file__}"

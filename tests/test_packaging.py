"""What a package index shows: the license, the Pythons, the status, where the project lives."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")

ROOT = Path(__file__).resolve().parent.parent


def _project() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_license_is_mit_as_an_spdx_expression_with_its_file() -> None:
    project = _project()

    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    # Beside an SPDX expression, a "License ::" classifier is refused (PEP 639).
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]


def test_classifiers_name_every_supported_python_pytest_and_the_status() -> None:
    classifiers = set(_project()["classifiers"])

    assert {f"Programming Language :: Python :: 3.{minor}" for minor in range(9, 14)} <= classifiers
    assert {"Framework :: Pytest", "Development Status :: 4 - Beta"} <= classifiers
    assert _project()["requires-python"] == ">=3.9"


def test_the_project_has_urls() -> None:
    assert _project()["urls"]["Homepage"].startswith("https://")

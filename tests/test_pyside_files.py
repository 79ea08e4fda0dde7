"""PySide6's written-out support code is used only for the version it was written for."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from geohist.gui import pyside_files


def shiboken_folder(root: Path, version: str, written_for: str | None) -> Path:
    package = root / "shiboken6"
    (package / "files.dir").mkdir(parents=True)
    (package / "__init__.py").write_text(f'__version__ = "{version}"\n', encoding="utf-8")
    if written_for is not None:
        (package / "files.dir" / pyside_files.MARKER).write_text(written_for + "\n")
    return package


@pytest.mark.parametrize(
    ("written_for", "stale"),
    [("6.11.0", True), ("6.12.0", False), (None, False)],  # None: not written by ./dev
)
def test_support_files_are_stale_only_when_written_for_another_version(
    tmp_path: Path, written_for: str | None, stale: bool
) -> None:
    assert pyside_files.is_stale(shiboken_folder(tmp_path, "6.12.0", written_for)) is stale


def test_stale_support_files_are_left_to_pyside_to_remove(tmp_path: Path, monkeypatch) -> None:
    package = shiboken_folder(tmp_path, "6.12.0", "6.11.0")
    origin = SimpleNamespace(origin=str(package / "__init__.py"))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: origin)
    # set, then deleted: monkeypatch then removes what drop_if_stale sets when the test ends
    # (delenv of a variable not there records nothing). Left behind, every later Python child
    # of the test run, with PySide6's switch on, would remove the venv's support files.
    monkeypatch.setenv("SBK_EMBED", "")
    monkeypatch.delenv("SBK_EMBED")
    assert pyside_files.drop_if_stale()
    assert os.environ["SBK_EMBED"] == "1"  # PySide6's switch: remove the folder, use its own


def test_the_test_run_keeps_no_switch_from_the_test_before() -> None:
    assert "SBK_EMBED" not in os.environ


def test_the_installed_pyside_is_left_as_it_is(monkeypatch) -> None:
    monkeypatch.setenv("SBK_EMBED", "")
    monkeypatch.delenv("SBK_EMBED")
    assert not pyside_files.drop_if_stale()  # ./dev setup wrote it for this version, or none
    assert "SBK_EMBED" not in os.environ

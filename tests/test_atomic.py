"""Writes replace a file only when the new one is complete, and leave no temporary behind."""

import os

import pytest

from geohist.atomic import WriteError, atomic_path, write_text_atomic


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_new_file_gets_ordinary_permissions(tmp_path):
    target = tmp_path / "new.txt"
    write_text_atomic(target, "hello")
    assert target.read_text(encoding="utf-8") == "hello"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_existing_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "b")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(WriteError, match="cannot write here"):
        write_text_atomic(folder / "x.txt", "data")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(WriteError, match="cannot write here"):
        write_text_atomic(tmp_path / "nowhere" / "x.txt", "data")

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


# -- every writer, failing for real ------------------------------------------------------------
#
# Each writer runs in a child process that meets a real failure from the kernel, not a mock:
# "full": RLIMIT_FSIZE makes any write past a few bytes fail with EFBIG (SIGXFSZ ignored), as
# a full disk fails with ENOSPC; "readonly": the folder is mode 0555 and, since tests run as
# root, the child drops CAP_DAC_OVERRIDE/CAP_FOWNER first so the kernel enforces the mode.

WRITERS = ("events_csv", "events_geojson", "places_csv", "png", "pdf", "pptx")
OLD = b"old bytes that must survive\n"
CHILD = r"""
import resource, signal, sys
from pathlib import Path

kind, target, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]


def prepare():
    from geohist.datafiles.load import load_catalog

    catalog, _ = load_catalog()
    events = list(catalog)
    if kind == "events_csv":
        from geohist.datafiles.events_csv import write_events_csv
        return lambda: write_events_csv(events, target)
    if kind == "events_geojson":
        from geohist.datafiles.events_geojson import write_events_geojson
        return lambda: write_events_geojson(events, catalog.gazetteer, target)
    if kind == "places_csv":
        from geohist.ingest.output import write_places
        return lambda: write_places(list(catalog.gazetteer), target)
    import os
    from PySide6.QtGui import QGuiApplication, QImage
    from geohist.export.layout import ExportSpec, Layout, map_rect
    from geohist.gui import renderer

    app = QGuiApplication([])  # noqa: F841 - fonts and the PDF engine need it
    spec = ExportSpec(width=320, height=180)
    noise = QImage(os.urandom(320 * 180 * 4), 320, 180, QImage.Format.Format_RGB32).copy()
    layout = Layout(320, 180, map_rect(spec))
    picture = renderer.Picture(noise, layout, 1.0, renderer.compose(noise, layout, 1.0))
    if kind in ("png", "pdf"):
        write = renderer.write_pdf if kind == "pdf" else renderer._raster_writer("PNG")
        return lambda: write(picture, target, spec)
    from geohist.export.pptx_deck import SlideContent, write_deck
    image = Path(sys.argv[4])
    noise.save(str(image))
    slide = SlideContent(image=image, title="T", date="1950", places="Moscow", notes="n")
    return lambda: write_deck(target, [slide])


write = prepare()
if mode == "full":
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))
from geohist.atomic import WriteError
try:
    write()
except WriteError as exc:
    print(exc)
    sys.exit(3)
print("written")
"""


def _drop_root_powers() -> None:
    """In the child: keep uid 0 but lose the capabilities that let root ignore file modes."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP; applies from exec
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_writer(kind: str, folder, mode: str, scratch):
    import subprocess
    import sys

    target = folder / f"out.{kind}"
    target.write_bytes(OLD)
    if mode == "readonly":
        folder.chmod(0o555)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    drop = _drop_root_powers if mode == "readonly" and os.geteuid() == 0 else None
    args = [sys.executable, "-c", CHILD, kind, str(target), mode, str(scratch / "slide.png")]
    try:
        result = subprocess.run(
            args, capture_output=True, text=True, env=env, preexec_fn=drop, timeout=300
        )
    finally:
        folder.chmod(0o755)
    return target, result


@pytest.mark.parametrize("mode", ["full", "readonly"])
@pytest.mark.parametrize("kind", WRITERS)
def test_failed_write_is_a_clear_error_and_keeps_the_old_file(tmp_path, kind, mode):
    folder = tmp_path / "out"
    folder.mkdir()
    target, result = _run_writer(kind, folder, mode, tmp_path)
    assert result.returncode == 3, result.stdout + result.stderr[-3000:]
    assert str(target) in result.stdout and "Traceback" not in result.stderr
    if mode == "readonly":
        assert "cannot write here: Permission denied" in result.stdout
    elif kind not in ("events_geojson", "png"):  # GDAL and libpng word it their own way
        assert "could not write: File too large" in result.stdout
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in folder.iterdir()) == [target.name]  # no .part left

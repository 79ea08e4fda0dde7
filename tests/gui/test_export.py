"""``geohist export`` and the export dialog with a real offscreen QtWebEngine.

The CLI runs as users run it (a subprocess; the exit code is checked, not only the file: a
QtWebEngine process that crashes at exit would fail here). Timeouts are generous: a cold
Chromium start on two busy cores takes seconds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PIL import Image, ImageChops
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.webengine

TIMEOUT_S = 240
HIGHLIGHT = (0xE4, 0x57, 0x2E)
SOURCE = (
    "Pada 16 Maret 1921, di Moskow, pemerintah Lenin dan Kemalis menyimpulkan perjanjian. "
    "Pada 15 Februari 1950 Uni Soviet dan Tiongkok menandatangani perjanjian persahabatan. "
    "Pada 16 Mei 2024 Putin tiba di Beijing untuk kunjungan kenegaraan."
)
QUOTES = {
    "moscow-1921": "Pada 16 Maret 1921, di Moskow",
    "sino-soviet-1950": "Uni Soviet dan Tiongkok menandatangani perjanjian persahabatan",
    "beijing-2024": "Putin tiba di Beijing",
}


def _row(event_id: str, start: str, title: str, places: str) -> str:
    quote = QUOTES[event_id]
    begin = SOURCE.index(quote)
    return (
        f'{event_id},{start},,{title},{places},source.txt,{begin},{begin + len(quote)},"{quote}"\n'
    )


@pytest.fixture(scope="module")
def events_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three events at Moscow, Ankara and Beijing, each quoting a small source text."""
    folder = tmp_path_factory.mktemp("data")
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    path = folder / "events.csv"
    path.write_text(
        "id,start,end,title,places,source,quote_start,quote_end,quote\n"
        + _row("moscow-1921", "1921-03-16", "Treaty of Moscow", "moscow;ankara")
        + _row("sino-soviet-1950", "1950-02-15", "Sino-Soviet treaty", "moscow;beijing")
        + _row("beijing-2024", "2024-05-16", "Putin in Beijing", "beijing"),
        encoding="utf-8",
    )
    return path


def geohist(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "geohist.cli", "export", "--quiet", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=cwd,
        check=False,
    )
    return result


def ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr[-2000:]
    assert "geohist: wrote" in result.stderr


def highlight_share(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """Share of pixels in ``box`` that have the map's highlight colour."""
    data = image.convert("RGB").crop(box).tobytes()
    r0, g0, b0 = HIGHLIGHT
    hits = sum(
        1
        for i in range(0, len(data), 3)
        if abs(data[i] - r0) < 40 and abs(data[i + 1] - g0) < 40 and abs(data[i + 2] - b0) < 40
    )
    return hits / (len(data) // 3)


def test_snapshot_sizes_and_identical_runs(tmp_path: Path) -> None:
    ok(geohist("--at", "1950-02-15", "-o", "a.png", cwd=tmp_path))
    ok(geohist("--at", "1950-02-15", "-o", "b.png", cwd=tmp_path))
    ok(geohist("--at", "1950-02-15", "--scale", "2", "-o", "a2.png", cwd=tmp_path))
    with Image.open(tmp_path / "a.png") as a, Image.open(tmp_path / "b.png") as b:
        assert a.size == (1920, 1080)
        assert a.tobytes() == b.tobytes(), "two runs gave different pixels"
        with Image.open(tmp_path / "a2.png") as a2:
            assert a2.size == (3840, 2160)
            small = a2.convert("RGB").resize(a.size, Image.Resampling.BOX)
            diff = ImageChops.difference(small, a.convert("RGB")).convert("L")
            mean = sum(i * n for i, n in enumerate(diff.histogram())) / (1920 * 1080)
            assert mean < 6, f"scale 2 is not the same picture (mean difference {mean:.1f})"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "a2.png", "b.png"]


def test_lit_places_differ_between_dates(tmp_path: Path, events_file: Path) -> None:
    common = [events_file, "--frame", "data", "--no-overlays", "--afterglow", "0"]
    ok(geohist(*common, "--at", "1921-03-16", "-o", "1921.png", cwd=tmp_path))
    ok(geohist(*common, "--at", "2024-05-16", "-o", "2024.png", cwd=tmp_path))
    with Image.open(tmp_path / "1921.png") as old, Image.open(tmp_path / "2024.png") as new:
        assert ImageChops.difference(old.convert("RGB"), new.convert("RGB")).getbbox()
        # The data span Ankara (west) to Beijing (east): 1921 lights the west, 2024 the east.
        west, east = (0, 0, 700, 1080), (1220, 0, 1920, 1080)
        old_west, new_west = highlight_share(old, west), highlight_share(new, west)
        old_east, new_east = highlight_share(old, east), highlight_share(new, east)
        assert old_west > 0.0003 and new_west < old_west / 10, (old_west, new_west)
        assert new_east > 0.0003 and old_east < new_east / 10, (old_east, new_east)


def test_seed_dates_differ(tmp_path: Path) -> None:
    ok(geohist("--at", "1921-03-16", "-o", "1921.png", cwd=tmp_path))
    ok(geohist("--at", "2024-05-16", "-o", "2024.png", cwd=tmp_path))
    with Image.open(tmp_path / "1921.png") as old, Image.open(tmp_path / "2024.png") as new:
        assert ImageChops.difference(old.convert("RGB"), new.convert("RGB")).getbbox()


def test_deck_has_a_slide_per_event(tmp_path: Path, events_file: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    result = geohist(
        events_file, "--each-event", "--pptx", "deck.pptx", "-o", "images", cwd=tmp_path
    )
    ok(result)
    deck = Presentation(str(tmp_path / "deck.pptx"))
    assert len(deck.slides) == 3
    for slide, event_id in zip(deck.slides, QUOTES, strict=True):
        assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes)
        assert QUOTES[event_id] in slide.notes_slide.notes_text_frame.text
    assert slide.shapes.title.text == "Putin in Beijing"
    names = sorted(p.name for p in (tmp_path / "images").iterdir())
    assert names == [
        "1921-03-16_moscow-1921.png",
        "1950-02-15_sino-soviet-1950.png",
        "2024-05-16_beijing-2024.png",
    ]


def test_animations_have_fps_times_seconds_frames(tmp_path: Path, events_file: Path) -> None:
    import imageio_ffmpeg

    anim = [events_file, "--from", "1921", "--to", "2024", "--fps", "4", "--seconds", "2"]
    ok(geohist(*anim, "--size", "320x180", "-o", "a.gif", cwd=tmp_path))
    ok(geohist(*anim, "--size", "320x180", "-o", "a.mp4", cwd=tmp_path))
    with Image.open(tmp_path / "a.gif") as gif:
        assert gif.size == (320, 180)
        assert gif.n_frames == 8
        durations = []
        for index in range(gif.n_frames):
            gif.seek(index)
            durations.append(gif.info["duration"])
        assert sum(durations) == 2000
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(tmp_path / "a.mp4"))
    assert frames == 8 and seconds == pytest.approx(2.0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gif", "a.mp4"]


def test_unwritable_destinations_leave_nothing(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:  # root writes anywhere permissions say no: use a read-only mount
        readonly = Path("/sys")
    else:
        readonly = tmp_path / "readonly"
        readonly.mkdir()
        readonly.chmod(0o555)
    result = geohist("--at", "1950-02-15", "-o", readonly / "a.png", cwd=tmp_path)
    assert result.returncode != 0
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert not (readonly / "a.png").exists()
    # A failure after rendering (the target is a folder): the temporary file goes too.
    (tmp_path / "taken.png").mkdir()
    result = geohist("--at", "1950-02-15", "-o", "taken.png", cwd=tmp_path)
    assert result.returncode == 3, result.stderr[-2000:]
    assert "taken.png" in result.stderr
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


# -- in the window's process ------------------------------------------------------------------


@pytest.fixture
def window(qtbot: Any, events_file: Path):
    from geohist.gui.main_window import MainWindow
    from geohist.model.time import days_from_civil

    win = MainWindow(lang="en", remember=False)
    qtbot.addWidget(win)
    assert win.open_file(events_file, interactive=False)
    win.state.set_day(days_from_civil(1950, 2, 15))
    yield win
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_dialog_export_equals_cli_export(
    qtbot: Any, window, events_file: Path, tmp_path: Path
) -> None:
    from geohist.gui.export_dialog import ExportDialog

    ok(geohist(events_file, "--at", "1950-02-15", "-o", "cli.png", cwd=tmp_path))
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT_S * 1000):
        pass  # the preview comes from the same renderer, at a small zoom
    dialog.target.setText(str(tmp_path / "gui.png"))
    dialog.export_button.click()
    job = dialog.current_job
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_S * 1000) as finished:
        pass
    assert finished.args[0], finished.args
    with Image.open(tmp_path / "gui.png") as gui, Image.open(tmp_path / "cli.png") as cli:
        assert gui.size == (1920, 1080)
        assert gui.tobytes() == cli.tobytes(), "the window and the CLI gave different pixels"
    dialog.close()


def test_cancel_leaves_no_file(qtbot: Any, events_file: Path, tmp_path: Path) -> None:
    from geohist.datafiles.load import load_catalog
    from geohist.export import plan
    from geohist.export.layout import ExportSpec
    from geohist.export.plan import ExportRequest, Output
    from geohist.gui import renderer
    from geohist.model.time import days_from_civil

    catalog, problems = load_catalog(events_file)
    assert problems == []
    frames = plan.animation_plan(
        catalog, "en", days_from_civil(1921, 1, 1), days_from_civil(2024, 1, 1), 10, seconds=6
    )
    target = tmp_path / "long.gif"
    target.write_bytes(b"the old file")
    request = ExportRequest(ExportSpec(320, 180), tuple(frames), (Output("gif", target),), 10)
    page = renderer.export_page(tmp_path / "page", "110m")
    job = renderer.start_export(request, catalog, page)
    with qtbot.waitSignal(job.progress, timeout=TIMEOUT_S * 1000):
        pass
    view = job.renderer.view
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_S * 1000) as finished:
        job.cancel()
    assert finished.args == [False, renderer.CANCELLED]
    assert target.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.gif", "page"]
    job.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert view is not None and not shiboken6.isValid(view)

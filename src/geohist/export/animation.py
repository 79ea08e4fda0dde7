"""Animation files from rendered frames: GIF with Pillow, MP4 (H.264) with imageio-ffmpeg's ffmpeg.

A writer takes packed RGB frames one at a time. It writes a temporary file beside the target
(``geohist.atomic.atomic_path``) and renames it over the target only in :meth:`close`;
:meth:`abort` or a failure removes it, so a cancelled export leaves no half-written file and
an existing file is replaced only by a complete one.

GIF keeps times in hundredths of a second, so each frame gets the rounded share of the
running total (no drift at 24 fps). Pillow merges identical consecutive frames into one longer
frame: the play time is unchanged, the frame count can be lower. MP4 always gets every frame.
"""

from __future__ import annotations

import contextlib
import itertools
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

from geohist.atomic import atomic_path
from geohist.errors import GeohistError


class ExportCancelledError(Exception):
    """Raised into a temporary file's context to discard it."""


class AnimationWriter:
    """Base: holds the temporary file; subclasses encode."""

    def __init__(self, target: Path, size: tuple[int, int], fps: float) -> None:
        self.target = Path(target)
        self.size = (int(size[0]), int(size[1]))
        self.fps = float(fps)
        self.frames = 0
        self._stack = contextlib.ExitStack()
        self.tmp = self._stack.enter_context(atomic_path(self.target))
        self._open = True

    def add(self, rgb: bytes, repeat: int = 1) -> None:
        """Append a ``width × height`` RGB24 frame, shown for ``repeat`` frame times."""
        width, height = self.size
        if len(rgb) != width * height * 3:
            raise ValueError(f"frame has {len(rgb)} bytes, expected {width * height * 3}")
        self._add(rgb, repeat)
        self.frames += repeat

    def close(self) -> None:
        """Finish the file and move it over the target."""
        if not self._open:
            return
        try:
            self._finish()
        except BaseException:
            self.abort()
            raise
        self._open = False
        self._stack.close()

    def abort(self) -> None:
        """Stop and delete the temporary file; the target is left as it was."""
        if not self._open:
            return
        self._open = False
        with contextlib.suppress(Exception):
            self._discard()
        self._stack.__exit__(ExportCancelledError, ExportCancelledError(), None)

    def _add(self, rgb: bytes, repeat: int) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def _discard(self) -> None:
        """Release encoder resources before the temporary file is deleted."""


def gif_durations(count: int, fps: float, start: int = 0) -> list[int]:
    """Milliseconds of frames ``start .. start+count-1``, in whole hundredths, without drift."""
    ticks = [round(i * 100 / fps) for i in range(start, start + count + 1)]
    return [10 * (b - a) for a, b in itertools.pairwise(ticks)]


class GifWriter(AnimationWriter):
    """Looping GIF, one 256-colour palette per frame (flat map colours need no dithering)."""

    def __init__(self, target: Path, size: tuple[int, int], fps: float) -> None:
        super().__init__(target, size, fps)
        self._images: list[Any] = []
        self._durations: list[int] = []

    def _add(self, rgb: bytes, repeat: int) -> None:
        from PIL import Image

        image = Image.frombytes("RGB", self.size, rgb)
        paletted = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        self._durations += gif_durations(repeat, self.fps, self.frames)
        self._images += [paletted] * repeat

    def _finish(self) -> None:
        if not self._images:
            raise GeohistError(f"{self.target}: no frames to write")
        first, rest = self._images[0], self._images[1:]
        first.save(
            self.tmp,
            format="GIF",
            save_all=True,
            append_images=rest,
            duration=self._durations,
            loop=0,
        )
        self._images.clear()


def ffmpeg_exe() -> str:
    """The ffmpeg binary shipped in the imageio-ffmpeg wheel."""
    try:
        import imageio_ffmpeg
    except ImportError:
        raise GeohistError(
            "MP4 export needs the imageio-ffmpeg package (pip install imageio-ffmpeg); "
            "GIF works without it"
        ) from None
    return imageio_ffmpeg.get_ffmpeg_exe()


class Mp4Writer(AnimationWriter):
    """H.264 in MP4 (yuv420p, CRF 18), frames piped to ffmpeg as raw RGB."""

    def __init__(self, target: Path, size: tuple[int, int], fps: float) -> None:
        exe = ffmpeg_exe()
        super().__init__(target, size, fps)
        width, height = self.size
        rate = Fraction(self.fps).limit_denominator(1001)
        cmd = [exe, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo"]
        cmd += ["-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(rate), "-i", "-"]
        cmd += ["-an", "-c:v", "libx264", "-preset", "medium", "-crf", "18"]
        cmd += ["-pix_fmt", "yuv420p", "-movflags", "+faststart"]
        if width % 2 or height % 2:  # yuv420p needs even sides: pad one pixel of white
            cmd += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white"]
        cmd += ["-f", "mp4", str(self.tmp)]  # the .part name has no suffix ffmpeg knows
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - lives with ffmpeg
        try:
            self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=self._log)
        except OSError as exc:
            self._log.close()
            self.abort()
            raise GeohistError(f"cannot start ffmpeg ({exe}): {exc}") from exc

    def _add(self, rgb: bytes, repeat: int) -> None:
        assert self._proc.stdin is not None
        try:
            for _ in range(repeat):
                self._proc.stdin.write(rgb)
        except BrokenPipeError:
            self._proc.wait()
            raise GeohistError(f"ffmpeg stopped: {self._stderr()}") from None

    def _finish(self) -> None:
        assert self._proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._proc.stdin.close()
        code = self._proc.wait()
        message = self._stderr()
        self._log.close()
        if code != 0 or self.frames == 0:
            raise GeohistError(f"ffmpeg could not write {self.target}: {message or code}")

    def _discard(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        self._log.close()

    def _stderr(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace").strip()[-500:]

"""Write files so that readers only ever see the old file or the complete new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geohist.errors import GeohistError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates 0600 files; a finished export should get the permissions any new file gets.
# Read once at import: os.umask can only be read by setting it, which is not thread-safe.
_NEW_FILE_MODE = 0o666 & ~_current_umask()


class WriteError(GeohistError):
    """A target that cannot be written (read-only folder, full disk, missing folder)."""


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only on success."""
    target = Path(target)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise WriteError(f"{target}: cannot write here: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else _NEW_FILE_MODE)
        os.replace(tmp, target)
    except OSError as exc:
        raise WriteError(f"{target}: could not write: {exc.strerror or exc}") from exc
    except GeohistError:
        raise
    except Exception as exc:
        # Third-party file-format libraries report a failed write in their own words (GDAL:
        # "Cannot write feature" on a full disk). Python's built-in exceptions (bugs) and our own
        # (e.g. a cancelled export) pass through unchanged.
        if type(exc).__module__.split(".")[0] in ("builtins", "geohist"):
            raise
        raise WriteError(f"{target}: could not write: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")

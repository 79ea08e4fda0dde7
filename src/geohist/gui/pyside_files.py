"""PySide6's support code written out of libshiboken by ``./dev setup``: used only while current.

libshiboken carries PySide6's Python support code (signatures, features) as source and compiles
it at every start; ``SBK_EMBED=0``, PySide6's own switch, writes it to ``shiboken6/files.dir``
once, where Python caches its bytecode (importing its loader: 103 ms, then 39-43). PySide6 uses that
folder whatever its version, and pip leaves it behind on an upgrade. ``./dev setup`` marks the
folder with the version it was written for; a launch finding another version asks PySide6 to
remove it (``SBK_EMBED=1``) and use its embedded copy, until the next setup writes it again.

Qt-free, and imports no PySide6: it must run before PySide6 is first imported.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

MARKER = ".geohist-unembedded"  # written by ./dev setup: the shiboken6 version it was made for
_VERSION = re.compile(r'^__version__ = "([^"]+)"', re.MULTILINE)


def is_stale(package: Path) -> bool:
    """True if ``package`` (shiboken6's folder) holds support files ./dev wrote for another
    version. Folders without the marker are someone else's and left alone."""
    try:
        made_for = (package / "files.dir" / MARKER).read_text(encoding="utf-8").strip()
        head = (package / "__init__.py").read_text(encoding="utf-8")[:400]
    except OSError:
        return False
    found = _VERSION.search(head)
    return found is not None and found.group(1) != made_for


def shiboken_folder() -> Path | None:
    """shiboken6's installed folder (where ``files.dir`` is written), without importing it."""
    spec = importlib.util.find_spec("shiboken6")
    return None if spec is None or spec.origin is None else Path(spec.origin).parent


def drop_if_stale() -> bool:
    """Before PySide6 is imported: if its written-out support code is stale, have PySide6 remove
    it and use the embedded copy. True if it was stale."""
    package = shiboken_folder()
    if package is None or not is_stale(package):
        return False
    os.environ["SBK_EMBED"] = "1"
    return True

"""Chromium settings for QtWebEngine, which must be in the environment before the QApplication.

Qt-free on purpose: the CLI and the test conftest call this before importing PySide6.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

FLAGS_VARIABLE = "QTWEBENGINE_CHROMIUM_FLAGS"

# Chromium phones home (component updates, safe-browsing lists, sync) unless told not to; the map
# page is fully local, so any connection would be a leak. RequestRecorder checks what remains.
_OFFLINE_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


# V8 starts with a very large old-generation limit (a fraction of the machine's memory) and sets
# a limit from the live size only at its first full collection. The map page's data are small
# and its steps allocate little, so that first collection came late: at 100k events the page's
# heap grew to 160 MB by step 200 with ~50 MB alive. A 64 MB start makes it collect early;
# afterwards V8 sizes the heap as usual (peak ~90 MB at 100k events).
V8_FLAGS = "--js-flags=--initial-heap-size=64"


def chromium_flags() -> list[str]:
    """The flags geohist always wants: no background network activity, an early first JS GC."""
    return [*_OFFLINE_FLAGS, V8_FLAGS]


def apply_chromium_flags(extra: Sequence[str] = ()) -> str:
    """Add our flags (and ``extra``) to ``QTWEBENGINE_CHROMIUM_FLAGS``, keeping the user's own.

    Returns the new value. Has no effect once QtWebEngine has started.
    """
    flags = os.environ.get(FLAGS_VARIABLE, "").split()
    for flag in [*chromium_flags(), *extra]:
        if flag.startswith("--js-flags=") and any(f.startswith("--js-flags=") for f in flags):
            continue  # the user's own V8 flags win (Chromium would keep only the last)
        if flag not in flags:
            flags.append(flag)
    os.environ[FLAGS_VARIABLE] = " ".join(flags)
    return os.environ[FLAGS_VARIABLE]

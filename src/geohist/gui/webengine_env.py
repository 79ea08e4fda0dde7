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


def chromium_flags() -> list[str]:
    """The flags geohist always wants: no background network activity."""
    return list(_OFFLINE_FLAGS)


def apply_chromium_flags(extra: Sequence[str] = ()) -> str:
    """Add our flags (and ``extra``) to ``QTWEBENGINE_CHROMIUM_FLAGS``, keeping the user's own.

    Returns the new value. Has no effect once QtWebEngine has started.
    """
    flags = os.environ.get(FLAGS_VARIABLE, "").split()
    for flag in [*chromium_flags(), *extra]:
        if flag not in flags:
            flags.append(flag)
    os.environ[FLAGS_VARIABLE] = " ".join(flags)
    return os.environ[FLAGS_VARIABLE]

"""Test session set-up: headless Qt and an offline QtWebEngine, fixed before any Qt import.

QtWebEngine reads its Chromium flags once, when it starts, so they must be in the environment at
import time of this conftest. ``setdefault`` lets a developer override them from the shell.
"""

from __future__ import annotations

import os

from geohist.gui.webengine_env import FLAGS_VARIABLE, chromium_flags

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No sandbox: CI containers run as root; no GPU: offscreen has no GL context to give Chromium.
os.environ.setdefault(
    FLAGS_VARIABLE, " ".join(["--no-sandbox", "--disable-gpu", *chromium_flags()])
)


def pytest_configure(config) -> None:
    """The PySide6 work-arounds (reference counts, source caching) before any test runs Qt."""
    from geohist.gui import pyside_fixes

    pyside_fixes.apply_all()

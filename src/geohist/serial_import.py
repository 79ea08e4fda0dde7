"""Import the numeric stack (numpy, and shapely which loads it) one thread at a time.

Two threads importing numpy at once can break it for the rest of the process ("cannot load
module more than once per process"; CPython #91238, numpy #21223): the import lock is per
module, and numpy's submodules import each other. At launch both happen: the bundled history
is read in a background thread (shapely, for the places' shapes) while the GUI thread paints
the timeline (numpy, for its layout). Whoever needs them first goes through here.
"""

from __future__ import annotations

import importlib
import threading
from types import ModuleType

_lock = threading.Lock()


def serial_import(name: str) -> ModuleType:
    """``importlib.import_module(name)``, never while another thread is inside this call."""
    with _lock:
        return importlib.import_module(name)

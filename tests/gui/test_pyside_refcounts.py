"""PySide6 6.12 on CPython 3.11 drops references to True/None on signals; the app must survive."""

import subprocess
import sys

CHILD = """
from geohist.gui.pyside_fixes import guard_singleton_refcounts
from PySide6.QtCore import QCoreApplication, QObject, Signal

guard_singleton_refcounts()
app = QCoreApplication([])

class Emitter(QObject):
    changed = Signal(int)

emitter = Emitter()
emitter.changed.connect(lambda value: None)
for value in range(50_000):  # a long playback session emits this many
    emitter.changed.emit(value)
print("alive")
"""


def test_many_signals_do_not_abort_the_interpreter():
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "alive"

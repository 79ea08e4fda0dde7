"""PySide6 work-arounds: reference counts of True/None on signals; sources kept on import."""

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


FEATURE_CHILD = """
import linecache, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore
from geohist.gui import pyside_fixes
if sys.argv[2] == "fixed":
    pyside_fixes.skip_feature_source_reads()
import uses_qt_probe, plain_probe, snake_probe  # import statements: PySide6 hooks __import__
verdicts = sys.modules["shibokensupport.feature"].pyside_feature_dict
cached = sorted(k.rsplit("/", 1)[-1] for k in linecache.cache if k.endswith("_probe.py"))
names = ("uses_qt_probe", "plain_probe", "snake_probe")
print(*(verdicts.get(name) for name in names), cached)
"""


def test_pyside_features_are_settled_without_reading_sources(tmp_path):
    """PySide6's import hook read every later import's source (35 MB in linecache, 30 ms)."""
    (tmp_path / "uses_qt_probe.py").write_text("from PySide6 import QtCore\n")
    (tmp_path / "plain_probe.py").write_text("VALUE = 1\n")
    (tmp_path / "snake_probe.py").write_text("from __feature__ import snake_case\n")
    out = {}
    for mode in ("pyside", "fixed"):
        result = subprocess.run(
            [sys.executable, "-c", FEATURE_CHILD, str(tmp_path), mode],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-500:]
        out[mode] = result.stdout.split(maxsplit=3)
    snake_case = out["pyside"][2]
    assert out["pyside"][:2] == ["0", "-1"]  # PySide's check: the plain module is "ignored"
    assert snake_case not in ("0", "-1")
    # fixed: the normal API for both, without reading them; a module's own selection stays
    assert out["fixed"][:3] == ["0", "0", snake_case]
    assert out["fixed"][3].strip() == "[]"

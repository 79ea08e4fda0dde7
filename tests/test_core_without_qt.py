"""The core must run without Qt: importing every non-GUI module loads no PySide6."""

import pkgutil
import subprocess
import sys

import geohist


def test_core_modules_do_not_import_qt():
    modules = sorted(
        m.name
        for m in pkgutil.walk_packages(geohist.__path__, "geohist.")
        if not m.name.startswith("geohist.gui")
        and m.name not in ("geohist.commands.gui", "geohist.__main__")
    )
    assert "geohist.model.catalog" in modules and "geohist.mapview.page" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert result.stdout.strip() == "[]"

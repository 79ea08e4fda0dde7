"""The generated map page as text: offline, locked down, deterministic, and built without Qt."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geohist.mapview.page import build_map_page, leaflet_dir, resources_dir

BASEMAP = Path(__file__).resolve().parents[1] / "geodata" / "basemap-110m.geojson"


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = build_map_page(tmp_path_factory.mktemp("page"), basemap=BASEMAP)
    return path.read_text(encoding="utf-8")


def test_page_is_offline(html: str) -> None:
    assert not re.search(r"https?://", html, re.IGNORECASE)
    assert (leaflet_dir() / "leaflet.js").as_uri() in html
    assert (resources_dir() / "geohist-map.js").as_uri() in html
    for cdn_asset in ("jquery", "bootstrap", "awesome", "font-awesome", "fontawesome"):
        assert cdn_asset not in html.lower()


def test_csp_forbids_network_and_pins_inline_scripts(html: str) -> None:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None and html.index(csp.group(0)) < html.index("<script")
    policy = csp.group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    for body in re.findall(r"<script>(.*?)</script>", html, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_two_builds_are_identical(tmp_path: Path) -> None:
    first = build_map_page(tmp_path / "a", basemap=BASEMAP).read_bytes()
    second = build_map_page(tmp_path / "b", basemap=BASEMAP).read_bytes()
    assert first == second


def test_basemap_names_cannot_break_out_of_the_page(tmp_path: Path) -> None:
    hostile = "</script><script>alert(1)</script><!--"
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    feature = {
        "type": "Feature",
        "properties": {"iso_a3": "XXX", "name": hostile},
        "geometry": square,
    }
    basemap = tmp_path / "basemap.geojson"
    basemap.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    page = build_map_page(tmp_path / "page", basemap=basemap).read_text(encoding="utf-8")
    assert hostile not in page
    embedded = re.search(r'id="geohist-basemap">(.*?)</script>', page, re.DOTALL)
    assert embedded is not None
    assert json.loads(embedded.group(1))["features"][0]["properties"]["name"] == hostile


def test_page_builder_does_not_import_qt() -> None:
    code = (
        "import sys; from pathlib import Path; from geohist.mapview.page import render_map_html; "
        f"render_map_html(basemap=Path({str(BASEMAP)!r})); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cached_page_is_reused_and_rebuilt_when_inputs_change(tmp_path: Path) -> None:
    from geohist.mapview.page import cached_map_page

    basemap = tmp_path / "basemap.geojson"
    basemap.write_bytes(BASEMAP.read_bytes())
    first = cached_map_page(tmp_path / "cache", basemap=basemap)
    assert cached_map_page(tmp_path / "cache", basemap=basemap) == first
    first_html = first.read_text(encoding="utf-8")
    data = json.loads(basemap.read_text(encoding="utf-8"))
    data["features"] = data["features"][:5]
    basemap.write_text(json.dumps(data), encoding="utf-8")
    second = cached_map_page(tmp_path / "cache", basemap=basemap)
    assert second != first and second.is_file()
    assert second.read_text(encoding="utf-8") != first_html
    assert not first.exists()  # the page it replaces: no launch can use it again


def test_cached_page_is_per_resources_folder(tmp_path: Path, monkeypatch) -> None:
    """Two copies of the scripts with the same bytes get their own pages, each linking its own:
    a page shared between checkouts would load the other one's files, stale or gone."""
    from geohist.mapview import page

    copies = []
    for name in ("a", "b"):
        folder = tmp_path / name / "resources"
        shutil.copytree(page.resources_dir(), folder)
        copies.append(folder)
    built = []
    for folder in copies:
        monkeypatch.setattr(page, "resources_dir", lambda folder=folder: folder)
        built.append(page.cached_map_page(tmp_path / "cache", basemap=BASEMAP))
    assert built[0] != built[1]
    for folder, path in zip(copies, built, strict=True):
        assert (folder / "geohist-map.js").as_uri() in path.read_text(encoding="utf-8")


def test_the_page_key_knows_folium_s_version_without_importing_importlib_metadata() -> None:
    """Every launch works out the page's key; importlib.metadata alone cost it ~60 ms."""
    from importlib.metadata import version

    probe = (
        "import sys; from geohist.mapview import page; "
        "print(page._folium_version()); print('importlib.metadata' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert f'"{version("folium")}"' in out[0]
    assert out[-1] == "False"


def test_a_new_page_removes_only_the_pages_no_launch_can_use(tmp_path: Path, monkeypatch):
    """Each version or checkout adds a 0.2 MB page; those of a removed checkout, and older
    versions of a present one, are of no use. Other checkouts' pages stay."""
    from geohist.mapview import page

    cache = tmp_path / "cache"

    def build_for(name: str) -> Path:
        folder = tmp_path / name / "resources"
        if not folder.is_dir():
            shutil.copytree(page.resources_dir(), folder)
        monkeypatch.setattr(page, "resources_dir", lambda: folder)
        return page.cached_map_page(cache, basemap=BASEMAP)

    removed, kept, upgraded = build_for("removed"), build_for("kept"), build_for("upgraded")
    shutil.rmtree(tmp_path / "removed")
    assert removed.is_file()  # nothing is pruned until a page is built
    older_format = cache / "geohist-map-0123456789abcdef.html"  # as named before
    older_format.write_text("<html></html>", encoding="utf-8")
    script = tmp_path / "upgraded" / "resources" / "geohist-map.js"
    script.write_text(script.read_text(encoding="utf-8") + "\n// next version\n")
    new = build_for("upgraded")
    assert new != upgraded and new.is_file() and kept.is_file()
    assert not removed.exists() and not upgraded.exists() and not older_format.exists()

"""Build the offline map page: folium's Leaflet map, our own JS/CSS and the embedded base map.

This module never imports Qt: the same HTML serves the GUI, the exporter and any browser. folium is
imported inside functions because it costs ~0.5 s and most commands never draw a map.

The page is locked down at the source: every asset is a local ``file:`` URL, the HTML contains no
``http(s)://`` at all, and a Content-Security-Policy forbids any network access. Inline scripts are
allowed by their SHA-256 hashes, so an injected ``<script>`` or ``onerror=`` handler cannot run.
The output is deterministic (same inputs, same bytes) so callers can cache the page by its hash.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import importlib.util
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import folium

PAGE_NAME = "geohist-map.html"
MAP_ID = "geohist"  # folium names the JS map variable ``map_geohist``
BASEMAP_ELEMENT_ID = "geohist-basemap"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_REMOTE_URL = re.compile(r"https?://", re.IGNORECASE)
_PAGE_PREFIX = "geohist-map-"
_PAGE_NAME = re.compile(re.escape(_PAGE_PREFIX) + r"[0-9a-f]{8}-[0-9a-f]{16}\.html")
_LINKED_FILE = re.compile(r'(?:src|href)="(file:[^"]+)"')
_LINKS_WITHIN = 4096  # characters: the page's asset links come first, before the base map


def resources_dir() -> Path:
    """Return the folder holding ``geohist-map.js``/``.css`` (see ``geohist.paths``)."""
    from geohist import paths

    return paths.resources_dir()


def leaflet_dir() -> Path:
    """Return the local Leaflet 1.9.4 dist folder shipped by ``django-js-lib-leaflet``."""
    root = importlib.resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    return Path(str(root))


def build_map_page(out_dir: Path, *, basemap: Path) -> Path:
    """Write the map page into ``out_dir`` and return its path.

    The file is only rewritten when its bytes change, so its mtime stays stable for caches.
    """
    html = render_map_html(basemap=basemap).encode("utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / PAGE_NAME
    if not path.is_file() or path.read_bytes() != html:
        path.write_bytes(html)
    return path


def cached_map_page(cache_dir: Path, *, basemap: Path) -> Path:
    """Return the page for these inputs, building it (and importing folium) only the first time.

    The file name says where the page's inputs are (the scripts' folder, Leaflet's, the base
    map's path) and carries a hash of everything it is made from, so a changed base map, script,
    stylesheet, builder or folium version gives a new file and a stale page is never used.
    Building one removes the pages it replaces (see ``_remove_stale_pages``).
    """
    where, what = _inputs_keys(basemap)
    path = cache_dir / f"{_PAGE_PREFIX}{where}-{what}.html"
    if path.is_file():
        return path
    from geohist.atomic import write_text_atomic

    cache_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, render_map_html(basemap=basemap))
    _remove_stale_pages(cache_dir, keep=path, where=where)
    return path


def _remove_stale_pages(cache_dir: Path, keep: Path, where: str) -> None:
    """Delete the cached pages no launch can use again (0.2 MB each, one per version):

    - earlier versions of this page: the same inputs' places, other contents;
    - pages that link a file no longer there (a removed checkout or install);
    - pages named as geohist named them before it said where their inputs are.

    Pages of other checkouts or installs still present stay (each links its own files), so
    switching between them costs no rebuild.
    """
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    for page in cache_dir.glob(f"{_PAGE_PREFIX}*.html"):
        if page == keep:
            continue
        try:
            stale = page.name.startswith(f"{_PAGE_PREFIX}{where}-") or not _PAGE_NAME.fullmatch(
                page.name
            )
            if not stale:
                with page.open(encoding="utf-8", errors="replace") as f:
                    head = f.read(_LINKS_WITHIN)
                linked = [Path(url2pathname(urlparse(u).path)) for u in _LINKED_FILE.findall(head)]
                stale = not linked or not all(file.is_file() for file in linked)
            if stale:
                page.unlink()
        except OSError:  # another instance removed it first, or it cannot be read: not ours
            continue


def _inputs_keys(basemap: Path) -> tuple[str, str]:
    """(where the inputs are, what they hold): short hashes for the page's file name."""
    from geohist import __version__

    resources = resources_dir()
    # The page links our scripts by path, so the path is an input too: two checkouts or installs
    # with the same bytes must not share a page that loads the other one's (maybe gone) files.
    places = [str(leaflet_dir()), str(resources), str(basemap.resolve())]
    where = hashlib.sha256("\0".join(places).encode()).hexdigest()[:8]
    digest = hashlib.sha256()
    for part in (__version__, _folium_version(), *places):
        digest.update(part.encode() + b"\0")
    for source in (
        basemap,
        resources / "geohist-labels.js",
        resources / "geohist-map.js",
        resources / "geohist-map.css",
        Path(__file__),
    ):
        digest.update(source.read_bytes() + b"\0")
    return where, digest.hexdigest()[:16]


def _folium_version() -> str:
    """folium's version without importing folium, nor importlib.metadata when it can be helped:
    that module and what it imports cost ~60 ms of every launch, which otherwise needs neither.
    folium keeps its version in the ``_version.py`` its build writes."""
    spec = importlib.util.find_spec("folium")
    written = Path(spec.origin).with_name("_version.py") if spec and spec.origin else None
    if written is not None and written.is_file():
        return written.read_text(encoding="utf-8")
    from importlib.metadata import version

    return version("folium")


def render_map_html(*, basemap: Path) -> str:
    """Return the complete page as text (see the module docstring for its guarantees)."""
    fmap = _make_map(basemap)
    html = fmap.get_root().render()
    html = _with_csp(html)
    remote = _REMOTE_URL.search(html)
    if remote:  # a folium upgrade could bring a CDN link back: fail loudly, never go online
        start = max(remote.start() - 60, 0)
        raise RuntimeError(
            f"map page would reference the network: …{html[start : remote.end() + 40]}"
        )
    return html


def _make_map(basemap: Path) -> folium.Map:
    """Create the folium map with local assets, our attach script and deterministic ids."""
    import folium

    fmap = folium.Map(
        tiles=None,
        prefer_canvas=True,
        world_copy_jump=False,
        location=[30.0, 40.0],
        zoom_start=2,
        zoom_snap=0.25,
        zoom_delta=0.5,
        attribution_control=False,  # Leaflet's default prefix links to leafletjs.com
        control_scale=False,
    )
    fmap.get_root().title = "geohist map"
    fmap.default_js = _asset_links(js=True)
    fmap.default_css = _asset_links(js=False)
    fmap.get_root().html.add_child(_basemap_element(basemap), name="geohist_basemap")
    fmap.add_child(_attach_element(), name="geohist_attach")
    _stabilise_ids(fmap.get_root())
    return fmap


def _asset_links(*, js: bool) -> list[tuple[str, str]]:
    """Per-instance asset lists (folium's class-level lists point at CDNs and are shared)."""
    ext = "js" if js else "css"
    ours = ["geohist-labels", "geohist-map"] if js else ["geohist-map"]
    return [
        (f"leaflet_{ext}", (leaflet_dir() / f"leaflet.{ext}").as_uri()),
        *(
            (f"{name.replace('-', '_')}_{ext}", (resources_dir() / f"{name}.{ext}").as_uri())
            for name in ours
        ),
    ]


def _basemap_element(basemap: Path) -> Any:
    """Embed the base map as inert JSON (``type=application/json`` never executes)."""
    from branca.element import Element

    data = json.dumps(_basemap_features(basemap), separators=(",", ":"), ensure_ascii=False)
    # "<" cannot appear raw inside <script>: "</script>" or "<!--" in a name would end the block.
    data = data.replace("<", "\\u003c")
    return Element(
        f'<script type="application/json" id="{BASEMAP_ELEMENT_ID}">{data}</script>',
    )


def _basemap_features(basemap: Path) -> dict[str, Any]:
    """Keep only what the page uses (``iso_a3``, ``name``, geometry) from a GeoJSON file."""
    raw = json.loads(basemap.read_text(encoding="utf-8"))
    features = [
        {
            "type": "Feature",
            "properties": {
                "iso_a3": str(feat.get("properties", {}).get("iso_a3") or ""),
                "name": str(feat.get("properties", {}).get("name") or ""),
            },
            "geometry": feat["geometry"],
        }
        for feat in raw.get("features", [])
        if feat.get("geometry")
    ]
    return {"type": "FeatureCollection", "features": features}


def _attach_element() -> Any:
    """A child of the map whose script hands the Leaflet map to ``geohist-map.js``."""
    from branca.element import MacroElement
    from folium.template import Template

    element = MacroElement()
    element._name = "GeohistAttach"
    element._template = Template(
        "{% macro script(this, kwargs) %}"
        "window.geohist.attach({{ this._parent.get_name() }}, "
        f'{{"basemap": "{BASEMAP_ELEMENT_ID}"}});'
        "{% endmacro %}"
    )
    return element


def _stabilise_ids(root: Any) -> None:
    """Replace branca's random element ids with fixed ones (walk order is deterministic)."""
    counter = 0
    stack = [root]
    while stack:
        element = stack.pop()
        counter += 1
        element._id = MAP_ID if element._name == "Map" else f"e{counter}"
        stack.extend(reversed(list(element._children.values())))
        for part in ("header", "html", "script"):
            child = getattr(element, part, None)
            if child is not None and hasattr(child, "_children"):
                stack.append(child)


def _with_csp(html: str) -> str:
    """Insert a Content-Security-Policy ``<meta>`` as the first element of ``<head>``."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


def content_security_policy(html: str) -> str:
    """Local files only, no network; inline scripts allowed by hash, inline styles for folium."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' file: {hashes}",
            "style-src 'self' file: 'unsafe-inline'",
            "img-src 'self' file: data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )

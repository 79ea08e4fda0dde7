"""The map widget: a QWebEngineView showing the offline map page, and its JSON bridge.

Python drives the page with ``runJavaScript`` calls on ``window.geohist`` (arguments embedded with
``json.dumps``); the page answers over QWebChannel through ``MapBridge``. Calls made before the page
reports ready are queued and flushed on ready: nothing here ever waits on JavaScript.

``qwebchannel.js`` is read from Qt's resource system and injected at DocumentCreation into the main
world, so the page itself (built Qt-free by ``geohist.mapview.page``) neither names a ``qrc:`` URL
nor needs ``qrc:`` in its Content-Security-Policy, and ``QWebChannel`` exists before our JS runs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFile, QIODevice, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from geohist.gui.webengine_env import chromium_flags

__all__ = [
    "LockedPage",
    "MapBridge",
    "MapView",
    "RequestRecorder",
    "block_network",
    "chromium_flags",
]

log = logging.getLogger(__name__)

BRIDGE_NAME = "geohist"  # the page finds the bridge as channel.objects.geohist
LOCAL_SCHEMES = frozenset({"file", "qrc", "data"})
QWEBCHANNEL_RESOURCE = ":/qtwebchannel/qwebchannel.js"
JsCallback = Callable[[Any], None]

_WA = QWebEngineSettings.WebAttribute
_LOCKED_SETTINGS = {
    _WA.LocalContentCanAccessRemoteUrls: False,
    _WA.LocalContentCanAccessFileUrls: True,  # Leaflet and our JS are file: URLs elsewhere on disk
    _WA.JavascriptCanOpenWindows: False,
    _WA.JavascriptCanAccessClipboard: False,
    _WA.JavascriptCanPaste: False,
    _WA.AllowWindowActivationFromJavaScript: False,
    _WA.AllowRunningInsecureContent: False,
    _WA.AllowGeolocationOnInsecureOrigins: False,
    _WA.LocalStorageEnabled: False,
    _WA.PluginsEnabled: False,
    _WA.PdfViewerEnabled: False,
    _WA.DnsPrefetchEnabled: False,
    _WA.HyperlinkAuditingEnabled: False,
    _WA.AutoLoadIconsForPage: False,
    _WA.TouchIconsEnabled: False,
    _WA.NavigateOnDropEnabled: False,
    _WA.FullScreenSupportEnabled: False,
    _WA.ScreenCaptureEnabled: False,
    _WA.WebGLEnabled: False,
    _WA.ErrorPageEnabled: False,
}
_JS_LOG_LEVELS = {
    QWebEnginePage.JavaScriptConsoleMessageLevel.InfoMessageLevel: logging.DEBUG,
    QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel: logging.WARNING,
    QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel: logging.ERROR,
}


class MapBridge(QObject):
    """The page's only way back into Python: JSON primitives in, Qt signals out."""

    ready = Signal()
    placeClicked = Signal(str)
    framePainted = Signal(int)

    @Slot()
    def pageReady(self) -> None:
        """The map and base map are drawn and the channel is up."""
        self.ready.emit()

    @Slot(str)
    def onPlaceClicked(self, place_id: str) -> None:
        self.placeClicked.emit(str(place_id))

    @Slot(int)
    def onFramePainted(self, seq: int) -> None:
        """Two animation frames have passed since ``setTime`` number ``seq``: it is on screen."""
        self.framePainted.emit(int(seq))


class RequestRecorder(QWebEngineUrlRequestInterceptor):
    """Records every URL a page requests; with ``block_remote`` refuses all non-local schemes.

    Install it on a profile (all pages) or a page. Tests read ``urls``; the app uses it as the last
    line of the no-network guarantee, behind the page's CSP and Chromium's offline flags.
    """

    def __init__(self, parent: QObject | None = None, *, block_remote: bool = True) -> None:
        super().__init__(parent)
        self.block_remote = block_remote
        self.urls: list[str] = []
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        text = url.toString()[:300]  # data: URLs can be huge; the start identifies them
        self.urls.append(text)
        if self.block_remote and url.scheme() not in LOCAL_SCHEMES:
            self.blocked.append(text)
            info.block(True)
            log.warning("blocked a network request from the map page: %s", text)

    def remote_urls(self) -> list[str]:
        """Requested URLs whose scheme is not file, qrc or data."""
        return [u for u in self.urls if QUrl(u).scheme() not in LOCAL_SCHEMES]


def block_network(profile: QWebEngineProfile | None = None) -> RequestRecorder:
    """Install a blocking ``RequestRecorder`` on ``profile`` (default profile if None)."""
    profile = profile or QWebEngineProfile.defaultProfile()
    recorder = RequestRecorder(profile, block_remote=True)
    profile.setUrlRequestInterceptor(recorder)
    return recorder


class LockedPage(QWebEnginePage):
    """A page that only ever shows our map: no navigation away, no pop-ups, no remote content."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self._allowed: str | None = None
        settings = self.settings()
        for attribute, value in _LOCKED_SETTINGS.items():
            settings.setAttribute(attribute, value)

    def allow(self, url: QUrl) -> None:
        """Make ``url`` the one page this page may load."""
        self._allowed = _without_fragment(url)

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if self._allowed is not None and _without_fragment(url) == self._allowed:
            return True
        link = QWebEnginePage.NavigationType.NavigationTypeLinkClicked
        if nav_type == link and url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)  # the user's browser, never inside the map
        log.info("map page: refused navigation to %s", url.toString()[:200])
        return False

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        log.log(_JS_LOG_LEVELS.get(level, logging.INFO), "js %s:%d: %s", source, line, message)


def _without_fragment(url: QUrl) -> str:
    return url.toString().split("#", 1)[0]


def qwebchannel_script() -> QWebEngineScript:
    """``qwebchannel.js`` from Qt's resources, injected before any page script runs."""
    resource = QFile(QWEBCHANNEL_RESOURCE)
    if not resource.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError(
            f"Qt resource {QWEBCHANNEL_RESOURCE} not found: is QtWebChannel installed?"
        )
    source = bytes(resource.readAll().data()).decode("utf-8")
    resource.close()
    script = QWebEngineScript()
    script.setName("qwebchannel.js")
    script.setSourceCode(source)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(False)
    return script


class MapView(QWebEngineView):
    """Hosts the map page and drives ``window.geohist``; see the module docstring.

    ``set_time`` returns the sequence number the page reports back in ``bridge.framePainted`` once
    that step is on screen; a report for ``seq`` means every earlier step has been painted too
    (steps queued before ready are coalesced to the last one). Chromium gives a hidden page no
    animation frames, so a hidden view reports nothing: never block waiting for a report.
    """

    def __init__(
        self, parent: QObject | None = None, *, profile: QWebEngineProfile | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = MapBridge(self)
        self.requests = RequestRecorder(self, block_remote=True)
        page = LockedPage(profile or QWebEngineProfile.defaultProfile(), self)
        page.setUrlRequestInterceptor(self.requests)
        channel = QWebChannel(page)
        channel.registerObject(BRIDGE_NAME, self.bridge)
        page.setWebChannel(channel)
        page.scripts().insert(qwebchannel_script())
        page.renderProcessTerminated.connect(self._on_render_process_terminated)
        self.setPage(page)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._ready = False
        self._seq = 0
        self._pending: list[tuple[str, str, JsCallback | None]] = []
        self.bridge.ready.connect(self._on_ready)

    @property
    def is_ready(self) -> bool:
        """True once the current page has called ``pageReady``."""
        return self._ready

    def load_page(self, html_path: Path) -> None:
        """Load a page from ``geohist.mapview.page.build_map_page``; calls queue until ready."""
        url = QUrl.fromLocalFile(str(Path(html_path).resolve()))
        self._ready = False
        self._locked_page().allow(url)
        self.load(url)

    def set_payload(self, payload: Mapping[str, Any]) -> None:
        """Send the places and events (``geohist.mapview.payload``), once per catalog.

        The payload travels as one JSON string for ``JSON.parse``: V8 parses JSON text far
        faster, and with far less memory, than the same data written as a JavaScript literal
        (100k events: ~7 MB of text, events as columns). The JSON text is dropped as soon as
        it is quoted, so at most two copies of it are alive at once.
        """
        self.send_load_script(load_script(payload))

    def send_load_script(self, script: str) -> None:
        """``set_payload`` with the script already made by ``load_script`` (in any thread)."""
        self._enqueue("load", script, None)

    def relabel(self, labels: Mapping[str, Any]) -> None:
        """Word the loaded events and places in another language (``payload.label_columns``
        of the same catalog), keeping the view; far lighter than a new payload."""
        self._enqueue(None, f"window.geohist.relabel(JSON.parse({_json_literal(labels)}));", None)

    def set_time(self, day: int) -> int:
        """Light up the events active on ``day`` (Rata Die); returns the step's sequence number."""
        self._seq += 1
        self._call("setTime", "setTime", int(day), self._seq)
        return self._seq

    def set_options(
        self,
        *,
        afterglow_days: int | None = None,
        auto_frame: bool | None = None,
        lang: str | None = None,
    ) -> None:
        """Change how the page draws; ``None`` leaves an option as it is."""
        options = {"afterglowDays": afterglow_days, "autoFrame": auto_frame, "lang": lang}
        self._call("setOptions", None, {k: v for k, v in options.items() if v is not None})

    def select_event(self, event_id: str | None) -> None:
        """Emphasise one event's places and arcs (``None`` clears the selection)."""
        self._call("selectEvent", "selectEvent", event_id)

    def eval_js(self, expr: str, callback: JsCallback | None = None) -> None:
        """Evaluate ``expr`` in the page (after ready); ``callback`` gets its JSON-able result."""
        self._enqueue(None, expr, callback)

    def _call(self, function: str, coalesce: str | None, *args: Any) -> None:
        """Call ``window.geohist.<function>(args)`` with JSON-encoded arguments."""
        encoded = ", ".join(json.dumps(arg, allow_nan=False) for arg in args)
        self._enqueue(coalesce, f"window.geohist.{function}({encoded});", None)

    def _enqueue(self, kind: str | None, script: str, callback: JsCallback | None) -> None:
        if self._ready:
            self._run(script, callback)
            return
        if kind is not None:  # only the latest payload/time/selection matters before ready
            self._pending = [p for p in self._pending if p[0] != kind]
        self._pending.append((kind or "", script, callback))

    def _run(self, script: str, callback: JsCallback | None) -> None:
        world = QWebEngineScript.ScriptWorldId.MainWorld.value  # where window.geohist lives
        if callback is None:
            self.page().runJavaScript(script, world)
        else:
            self.page().runJavaScript(script, world, callback)

    def _on_ready(self) -> None:
        self._ready = True
        pending, self._pending = self._pending, []
        for _kind, script, callback in pending:
            self._run(script, callback)

    def _locked_page(self) -> LockedPage:
        page = self.page()
        assert isinstance(page, LockedPage)
        return page

    def _on_render_process_terminated(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int
    ) -> None:
        self._ready = False
        normal = QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus
        if status != normal:
            log.error("map page renderer died (%s, exit code %d)", status, exit_code)


def load_script(payload: Mapping[str, Any]) -> str:
    """The page's call that loads ``payload``; Qt-free, so a loading thread can make it."""
    return f"window.geohist.load(JSON.parse({_json_literal(payload)}));"


def _json_literal(data: Mapping[str, Any]) -> str:
    """``data`` as JSON text inside a JavaScript string literal (ASCII, no line breaks)."""
    return json.dumps(json.dumps(data, allow_nan=False, separators=(",", ":")))

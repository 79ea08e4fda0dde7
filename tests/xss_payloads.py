"""Hostile strings for the "no script from data" tests (issue #7): data must stay text.

Every payload that could run sets the same marker, ``window.__xss`` (or ``document.title`` to
``MARKER_TITLE``), so a test can ask the page whether any of them ran. None contains a NUL, and
``FILE_NAME_PAYLOADS`` are the ones that are also legal Linux file names (no ``/``).

Payloads that a data file cannot hold unchanged are left out on purpose: cells are stripped
(no leading or trailing blanks) and tags and places are split on ``;``.
"""

from __future__ import annotations

import csv
from pathlib import Path

MARKER = "window.__xss"
MARKER_TITLE = "pwned"

# JavaScript that tells whether any payload ran (the page's own title is "geohist map").
MARKER_SET_JS = f"typeof {MARKER} !== 'undefined' || document.title === '{MARKER_TITLE}'"
# JavaScript that counts elements a payload would have created if it became markup.
INJECTED_NODES_JS = (
    "document.querySelectorAll('.leaflet-container script, .leaflet-container img,"
    " .leaflet-container svg:not(.leaflet-zoom-animated), .leaflet-container iframe,"
    ' .leaflet-container a[href^="javascript"], .leaflet-container b,'
    " .leaflet-container [onerror], .leaflet-container [onload]').length"
)

PAYLOADS: tuple[str, ...] = (
    "<script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    '<img src="x" onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    '<iframe src="javascript:window.parent.__xss=1"></iframe>',
    '<a href="javascript:window.__xss=1">click</a>',
    "javascript:window.__xss=1",
    "\"'><svg onload=window.__xss=1>",
    "' onmouseover='window.__xss=1' x='",
    "<body onload=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<style>*{background:url(javascript:window.__xss=1)}</style>",
    "<!--<img src=x onerror=window.__xss=1>-->",
    "<![CDATA[<img src=x onerror=window.__xss=1>]]>",
    "{{7*7}} ${window.__xss=1} #{7*7} <%= 7*7 %>",
    "{{constructor.constructor('window.__xss=1')()}}",
    "&lt;img src=x onerror=window.__xss=1&gt; &amp; &#60;b&#62;",
    "<title>pwned</title><script>document.title='pwned'</script>",
    "\u202egnp.exe\u202c RTL \u200f\u200bzero\u2028line\u2029para \U0001f4a3",
    "tab\there \x1b[31mESC\x07 <b>bold</b>",
    "\\u003cimg src=x onerror=window.__xss=1\\u003e",
    "<img src=x onerror=window.__xss=1>" * 200,
)

# Legal in Linux file names: no "/" (and none has a NUL).
FILE_NAME_PAYLOADS: tuple[str, ...] = tuple(
    p for p in PAYLOADS if "/" not in p and len(p.encode()) <= 200
)


def cell_values(payload: str) -> tuple[str, ...]:
    """What a list cell (tags, places) holding ``payload`` reads as: split on ``;``."""
    return tuple(t.strip() for t in payload.split(";") if t.strip())


def write_xss_data(folder: Path, day: str = "1950-02-15") -> tuple[Path, Path]:
    """An events CSV and a places CSV with a payload in every text field; all on ``day``.

    Event ``xss-N`` has payload N as its title, summary, tags and quote, and happens at place
    ``xss-place-N`` named payload N (places sit on a wide grid so map labels never merge). Its
    source is a text file named after a file-name payload (cycling), holding every quote.
    Returns (events file, places file); the events file's own name is a payload too.
    """
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(PAYLOADS) + "\n"
    sources = [f"{name}.txt" for name in FILE_NAME_PAYLOADS]
    for source in sources:
        (folder / source).write_text(text, encoding="utf-8")
    places = [
        ["id", "kind", "name_en", "name_id", "lat", "lon", "source"],
        *(
            [f"xss-place-{i}", "city", p, p, f"{-40 + 25 * (i // 6)}", f"{-150 + 55 * (i % 6)}", p]
            for i, p in enumerate(PAYLOADS)
        ),
    ]
    places_path = folder / "xss.places.csv"
    _write_csv(places_path, places)
    rows = [["id", "start", "end", "title", "places", "summary", "tags", "source"]]
    rows[0] += ["quote_start", "quote_end", "quote"]
    for i, p in enumerate(PAYLOADS):
        start = text.index(p + "\n")
        source = sources[i % len(sources)]
        rows.append([f"xss-{i}", day, "", p, f"xss-place-{i}", p, p, source])
        rows[-1] += [str(start), str(start + len(p)), p]
    events_path = folder / f"{FILE_NAME_PAYLOADS[9 % len(FILE_NAME_PAYLOADS)]}.csv"
    _write_csv(events_path, rows)
    return events_path, places_path


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)

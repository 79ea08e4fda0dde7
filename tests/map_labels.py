"""JavaScript that reads back the map's labels, as the page painted them (``geohist.labels()``)."""

from __future__ import annotations

import json

# The whole text of each label on show (its lines' texts run together).
LABEL_TEXTS_JS = "geohist.labels().map(l => l.text)"


def label_lines_js(kind: str) -> str:
    """The whole text of every line of this kind (``gh-label-title``, ``gh-label-name``, ...)."""
    return (
        "geohist.labels().flatMap(l => l.lines"
        f".filter(x => x.kind === {json.dumps(kind)}).map(x => x.text))"
    )

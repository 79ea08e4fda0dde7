"""User data shown by Qt widgets that guess whether a string is markup."""

from __future__ import annotations

from html import escape


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally: titles are data, never markup.

    Qt renders a tooltip as rich text when it "looks like" HTML, so a title such as
    ``<b>…</b>`` would be interpreted; escaping it inside ``<qt>`` keeps every character.
    """
    return "<qt>" + "<br>".join(escape(line) for line in text.splitlines()) + "</qt>"

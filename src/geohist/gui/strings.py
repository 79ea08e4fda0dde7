"""User-facing GUI texts in English and Indonesian, looked up by key.

A flat dict keeps adding a language or a key a one-line change and lets a test check that
every key has every language. Texts with ``{name}`` fields are filled with ``str.format``.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "play": {"en": "Play", "id": "Putar"},
    "pause": {"en": "Pause", "id": "Jeda"},
    "speed": {"en": "Playback speed", "id": "Kecepatan putar"},
    "speed_events": {"en": "Event by event", "id": "Peristiwa demi peristiwa"},
    "speed_one_year": {"en": "1 year/s", "id": "1 tahun/detik"},
    "speed_years": {"en": "{n} years/s", "id": "{n} tahun/detik"},
    "loop": {"en": "Loop", "id": "Ulangi"},
    "loop_tip": {
        "en": "Start again from the first event at the end",
        "id": "Mulai lagi dari peristiwa pertama setelah selesai",
    },
    "go_to_placeholder": {"en": "Go to date…", "id": "Pergi ke tanggal…"},
    "go_to_tip": {
        "en": "Type a date and press Enter, e.g. 1950, Feb 1950, 15 February 1950, 44 BCE",
        "id": "Ketik tanggal lalu tekan Enter, mis. 1950, Feb 1950, 15 Februari 1950, 44 SM",
    },
    "current_date": {"en": "Current date", "id": "Tanggal saat ini"},
    "timeline": {"en": "Timeline", "id": "Linimasa"},
    "timeline_tip": {
        "en": "Click or drag the ruler to move in time; drag the events to pan; wheel to zoom.\n"
        "←/→ previous/next event, Shift+←/→ small step, Space play, Home/End first/last.",
        "id": "Klik atau seret penggaris untuk berpindah waktu; seret peristiwa untuk menggeser; "
        "roda untuk zoom.\n←/→ peristiwa sebelum/berikut, Shift+←/→ langkah kecil, "
        "Spasi putar, Home/End pertama/terakhir.",
    },
}


def tr(key: str, lang: str) -> str:
    """The text for ``key`` in ``lang``, falling back to English, then to the key itself.

    Falling back to the key (as gettext does with an untranslated msgid) keeps a missing entry
    visible on screen instead of crashing the window; ``tests/gui`` checks the table is complete.
    """
    texts = STRINGS.get(key)
    if texts is None:
        return key
    return texts.get(lang) or texts.get("en") or key

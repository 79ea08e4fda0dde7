"""A generated corpus of Indonesian news-like texts for timing ``geohist ingest``.

Every text is different: sentences are recombined from templates with varied dates (full,
numeric, month-year, years, decades with modifiers, ranges, relative words, weekdays), places,
people and actions, plus the noise real pages carry (headline, dateline, photo captions,
"Baca juga" links, phone numbers, ages). Seeded: the same corpus on every run.
"""

from __future__ import annotations

import random
from pathlib import Path

CITIES = [
    "Jakarta",
    "Surabaya",
    "Bandung",
    "Medan",
    "Makassar",
    "Yogyakarta",
    "Moskow",
    "Tokyo",
    "Beijing",
    "Washington",
    "Kairo",
    "Jenewa",
    "Den Haag",
    "Ankara",
    "Istanbul",
    "Singapura",
    "Kuala Lumpur",
    "Bangkok",
    "Manila",
    "Hanoi",
    "Seoul",
    "Paris",
    "London",
    "Berlin",
    "Roma",
    "New Delhi",
    "Canberra",
    "Harbin",
    "Nagoya",
    "Kyiv",
    "Semarang",
]
COUNTRIES = [
    "Indonesia",
    "Jepang",
    "Rusia",
    "Tiongkok",
    "Amerika Serikat",
    "Belanda",
    "Malaysia",
    "Inggris",
    "Prancis",
    "Jerman",
    "Turki",
    "Mesir",
    "India",
    "Australia",
    "Uni Soviet",
    "Korea Selatan",
    "Filipina",
    "Vietnam",
    "Arab Saudi",
    "Brasil",
]
PEOPLE = [
    "Presiden Soekarno",
    "Wakil Presiden Mohammad Hatta",
    "Jenderal Sudirman",
    "Perdana Menteri Sutan Sjahrir",
    "Menteri Luar Negeri Adam Malik",
    "Ketua parlemen",
    "Duta besar Jepang",
    "Sultan Hamengkubuwono IX",
    "Perdana Menteri Nehru",
    "Presiden Rusia Vladimir Putin",
    "Kaisar Hirohito",
    "Sekretaris Jenderal PBB",
]
ACTIONS = [
    "menandatangani perjanjian kerja sama",
    "membuka konferensi internasional",
    "mengumumkan kebijakan ekonomi baru",
    "meresmikan jembatan",
    "memimpin perundingan",
    "menerima kunjungan delegasi",
    "membacakan pernyataan bersama",
    "menghadiri upacara peringatan",
    "mengakhiri pertikaian perbatasan",
]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
PARTS = ["awal", "pertengahan", "akhir"]


def _date(r: random.Random) -> str:
    y, m, d = r.randint(1900, 2023), r.randint(1, 12), r.randint(1, 28)
    forms = [
        f"pada {d} {MONTHS[m - 1]} {y}",
        f"pada {d}-{m}-{y}",
        f"pada {MONTHS[m - 1]} {y}",
        f"pada tahun {y}",
        f"pada {y}",
        f"pada {r.choice(PARTS)} {y}",
        f"pada {r.choice(PARTS)} {y - y % 10}-an",
        f"pada periode {y}—{y + r.randint(1, 4)}",
        f"antara {y} dan {y + r.randint(1, 9)}",
        f"pada {d} {MONTHS[m - 1]} – {d} {MONTHS[m % 12]} {y}",
        "tahun lalu",
        "pekan lalu",
        "bulan depan",
        f"pada hari {r.choice(WEEKDAYS)}",
        f"{MONTHS[m - 1]} lalu",
        "sehari setelahnya",
        f"pada {r.choice(PARTS)} {MONTHS[m - 1]}",
        "selama Perang Dunia II",
    ]
    return r.choice(forms)


UNDATED = [
    "Para pengamat menilai langkah itu sebagai sinyal penting bagi kawasan {where}.",
    "Pemerintah {country} belum memberikan tanggapan resmi atas laporan tersebut.",
    "Sejumlah warga {city} mengaku tidak terkejut dengan keputusan itu.",
    "Kedua pihak sepakat untuk melanjutkan dialog di tingkat menteri.",
    "Menurut sumber diplomatik, pembicaraan berlangsung tertutup dan cukup alot.",
    "{person} menegaskan bahwa kerja sama itu tidak ditujukan kepada negara lain.",
    "Harga komoditas di pasar {city} ikut bergejolak setelah kabar itu beredar.",
    "Banyak sejarawan menganggap peristiwa itu sebagai titik balik hubungan kedua negara.",
]
DATED_SHARE = 0.4  # news prose: most sentences carry no date


def _sentence(r: random.Random) -> str:
    if r.random() > DATED_SHARE:
        return r.choice(UNDATED).format(
            where=r.choice(["Asia", "Eropa", "Timur Tengah", "Asia Tenggara"]),
            country=r.choice(COUNTRIES),
            city=r.choice(CITIES),
            person=r.choice(PEOPLE),
        )
    date, city, country = _date(r), r.choice(CITIES), r.choice(COUNTRIES)
    person, action = r.choice(PEOPLE), r.choice(ACTIONS)
    templates = [
        f"{date[0].upper()}{date[1:]}, {person} {action} di {city}.",
        f"{person} {action} dengan {country} di {city} {date}.",
        f"Delegasi {country} tiba di {city} {date} untuk {action.split(' ', 1)[1]}.",
        f"Menurut pejabat {country}, pertemuan itu berlangsung di {city} {date}.",
        f"Ribuan warga berkumpul di {city} ketika {person} {action} {date}.",
        f"Hubungan antara {country} dan {r.choice(COUNTRIES)} membaik {date}.",
        f"Seorang veteran berusia {r.randint(70, 99)} tahun mengenang masa itu di {city}.",
        f"Kerja sama kedua negara sudah berjalan {r.randint(2, 75)} tahun.",
    ]
    return r.choice(templates)


def document(r: random.Random, number: int) -> str:
    city = r.choice(CITIES)
    lines = [
        r.choice(["Berita Kini", "Kabar Nusantara", "Sejarah Hari Ini"]),
        f"{r.choice(COUNTRIES)} dan {r.choice(COUNTRIES)} Sepakati Kerja Sama Baru",
        "",
    ]
    lead = _sentence(r)
    lines.append(f"{city.upper()}, Kabar{number % 7}.com – {lead} {_sentence(r)}")
    for _ in range(r.randint(10, 16)):
        lines.append("")
        lines.append(" ".join(_sentence(r) for _ in range(r.randint(3, 5))))
        roll = r.random()
        if roll < 0.2:
            lines += ["", f"{r.choice(PEOPLE)}, {r.randint(1920, 1990)}.", ""]
        elif roll < 0.35:
            lines += ["", f"Baca juga: {r.choice(COUNTRIES)} Bantah Tuduhan {r.choice(CITIES)}"]
    lines += ["", f"Hubungi redaksi di 0812 {r.randint(1000, 9999)} {r.randint(100, 999)}."]
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 20240516) -> list[Path]:
    """Write ``count`` texts into ``folder`` (created) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    r = random.Random(seed)
    paths = []
    for number in range(count):
        path = folder / f"news_{number:04d}.txt"
        path.write_text(document(r, number), encoding="utf-8")
        paths.append(path)
    return paths

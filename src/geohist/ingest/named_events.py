"""Named events that prose uses as dates: "selama Perang Dunia II", "di sela-sela Olimpiade".

Only periods a general reader dates without looking anything up; the dates are the commonly
cited ones. A name dates an event only behind a word that puts the event *inside* the period
("pada", "selama", "during"): "setelah Perang Dunia II" (after) is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from geohist.ingest.values import DateValue, add_months
from geohist.model.time import HistoricalDate, Precision


@dataclass(frozen=True, slots=True)
class NamedEvent:
    key: str
    names: tuple[str, ...]  # written forms; the first letter may be either case
    start: str  # ISO partial date
    end: str


EVENTS = (
    NamedEvent("ww1", ("Perang Dunia I", "Perang Dunia Pertama", "Perang Dunia 1", "PD I",
                       "World War I", "World War One", "First World War"),
               "1914-07-28", "1918-11-11"),
    NamedEvent("ww2", ("Perang Dunia II", "Perang Dunia Kedua", "Perang Dunia 2", "PD II",
                       "World War II", "World War Two", "Second World War"),
               "1939-09-01", "1945-09-02"),
    NamedEvent("cold-war", ("Perang Dingin", "Cold War"), "1947-03", "1991-12"),
    NamedEvent("korean-war", ("Perang Korea", "Korean War"), "1950-06-25", "1953-07-27"),
    NamedEvent("vietnam-war", ("Perang Vietnam", "Vietnam War"), "1955-11-01", "1975-04-30"),
    NamedEvent("pacific-war", ("Perang Pasifik", "Pacific War"), "1941-12-07", "1945-09-02"),
    NamedEvent("gulf-war", ("Perang Teluk", "Gulf War"), "1990-08-02", "1991-02-28"),
    NamedEvent("japanese-occupation", ("pendudukan Jepang", "masa pendudukan Jepang",
                                       "Japanese occupation"), "1942-03-08", "1945-08-17"),
    NamedEvent("indonesian-revolution", ("Revolusi Nasional Indonesia", "revolusi kemerdekaan",
                                         "Indonesian National Revolution"),
               "1945-08-17", "1949-12-27"),
    NamedEvent("g30s", ("Gerakan 30 September", "G30S/PKI", "G30S", "Gestapu"),
               "1965-09-30", "1965-10-01"),
    NamedEvent("asian-financial-crisis", ("krisis moneter", "krismon", "krisis finansial Asia",
                                          "Asian financial crisis"), "1997-07", "1998-12"),
    NamedEvent("asian-african-conference", ("Konferensi Asia-Afrika", "Konferensi Asia Afrika",
                                            "Asian-African Conference", "Bandung Conference"),
               "1955-04-18", "1955-04-24"),
    NamedEvent("russian-revolution", ("Revolusi Rusia", "Russian Revolution"),
               "1917-03", "1917-11"),
    NamedEvent("october-revolution", ("Revolusi Oktober", "Revolusi Bolshevik",
                                      "October Revolution", "Bolshevik Revolution"),
               "1917-11-07", "1917-11-08"),
    NamedEvent("russian-civil-war", ("Perang Saudara Rusia", "Russian Civil War"),
               "1917-11", "1922-10"),
    NamedEvent("french-revolution", ("Revolusi Prancis", "Revolusi Perancis",
                                     "French Revolution"), "1789-05-05", "1799-11-09"),
    NamedEvent("greco-turkish-war", ("Perang Yunani-Turki", "Greco-Turkish War"),
               "1919-05-15", "1922-10-11"),
    NamedEvent("russo-japanese-war", ("Perang Rusia-Jepang", "Russo-Japanese War"),
               "1904-02-08", "1905-09-05"),
    NamedEvent("second-sino-japanese-war",
               ("Perang Tiongkok-Jepang Kedua", "Second Sino-Japanese War"),
               "1937-07-07", "1945-09-09"),
    NamedEvent("barbarossa", ("invasi Nazi ke Uni Soviet", "invasi Jerman ke Uni Soviet",
                              "Operasi Barbarossa", "Operation Barbarossa",
                              "Nazi invasion of the Soviet Union",
                              "German invasion of the Soviet Union"), "1941", "1944"),
    NamedEvent("great-depression", ("Depresi Besar", "Great Depression"), "1929-10", "1939"),
    NamedEvent("covid-pandemic", ("pandemi COVID-19", "pandemi Covid-19", "COVID-19 pandemic"),
               "2020-03", "2023-05"),
    NamedEvent("crimea-annexation", ("aneksasi Krimea", "annexation of Crimea"),
               "2014-02-27", "2014-03-18"),
    NamedEvent("aceh-tsunami", ("tsunami Aceh", "Indian Ocean tsunami"),
               "2004-12-26", "2004-12-26"),
)  # fmt: skip

# Olympic Games: (year, month it opened, host city). Winter Games open in February.
WINTER_OLYMPICS = (
    (1924, 1, "Chamonix"), (1928, 2, "St. Moritz"), (1932, 2, "Lake Placid"),
    (1936, 2, "Garmisch"), (1948, 1, "St. Moritz"), (1952, 2, "Oslo"), (1956, 1, "Cortina"),
    (1960, 2, "Squaw Valley"), (1964, 1, "Innsbruck"), (1968, 2, "Grenoble"),
    (1972, 2, "Sapporo"), (1976, 2, "Innsbruck"), (1980, 2, "Lake Placid"),
    (1984, 2, "Sarajevo"), (1988, 2, "Calgary"), (1992, 2, "Albertville"),
    (1994, 2, "Lillehammer"), (1998, 2, "Nagano"), (2002, 2, "Salt Lake City"),
    (2006, 2, "Turin"), (2010, 2, "Vancouver"), (2014, 2, "Sochi"), (2018, 2, "Pyeongchang"),
    (2022, 2, "Beijing"), (2026, 2, "Milan"),
)  # fmt: skip
SUMMER_OLYMPICS = (
    (1948, 7, "London"), (1952, 7, "Helsinki"), (1956, 11, "Melbourne"), (1960, 8, "Roma"),
    (1964, 10, "Tokyo"), (1968, 10, "Mexico"), (1972, 8, "Munich"), (1976, 7, "Montreal"),
    (1980, 7, "Moskow"), (1984, 7, "Los Angeles"), (1988, 9, "Seoul"), (1992, 7, "Barcelona"),
    (1996, 7, "Atlanta"), (2000, 9, "Sydney"), (2004, 8, "Athena"), (2008, 8, "Beijing"),
    (2012, 7, "London"), (2016, 8, "Rio"), (2021, 7, "Tokyo"), (2024, 7, "Paris"),
    (2028, 7, "Los Angeles"),
)  # fmt: skip
OLYMPIC_NAMES = {
    "olympics-winter": ("Olimpiade Musim Dingin", "Winter Olympics", "Winter Olympic Games"),
    "olympics-summer": ("Olimpiade Musim Panas", "Summer Olympics", "Summer Olympic Games",
                        "Olimpiade", "Olympics", "Olympic Games"),
}  # fmt: skip

BY_KEY = {e.key: e for e in EVENTS}


def event_value(key: str, part: str | None) -> DateValue:
    """The span of a named event, or of its first/last month ("hari-hari terakhir")."""
    event = BY_KEY[key]
    start, end = _date(event.start), _date(event.end)
    if part == "late" and end.month:
        y, m = add_months(end.year, end.month, -1)
        start = HistoricalDate(y, m, None, Precision.MONTH, approximate=True)
        end = HistoricalDate(end.year, end.month, None, Precision.MONTH, approximate=True)
    elif part == "early" and start.month:
        y, m = add_months(start.year, start.month, 1)
        start = HistoricalDate(start.year, start.month, None, Precision.MONTH, approximate=True)
        end = HistoricalDate(y, m, None, Precision.MONTH, approximate=True)
    else:
        start = HistoricalDate(start.year, start.month, start.day, start.precision, True)
        end = HistoricalDate(end.year, end.month, end.day, end.precision, True)
    return DateValue(start, None if (start.year, start.month, start.day) == (
        end.year, end.month, end.day) else end)  # fmt: skip


def olympics_value(key: str, year: int | None, sentence: str, before_day: int | None):
    """The edition a sentence means: its year, else its host city, else the latest one."""
    editions = WINTER_OLYMPICS if key == "olympics-winter" else SUMMER_OLYMPICS
    chosen = [e for e in editions if year is not None and e[0] == year]
    if not chosen:
        hosts = [e for e in editions if e[2].casefold() in sentence.casefold()]
        pool = hosts or list(editions)
        if before_day is not None:
            pool = [e for e in pool if _first_day(e) <= before_day] or []
        elif not hosts:
            pool = []
        chosen = pool[-1:]
    if not chosen:
        return None
    y, m, _ = chosen[0]
    return DateValue(HistoricalDate(y, m, None, Precision.MONTH, approximate=True))


def _first_day(edition: tuple[int, int, str]) -> int:
    from geohist.model.time import days_from_civil

    return days_from_civil(edition[0], edition[1], 1)


def _date(iso: str) -> HistoricalDate:
    return HistoricalDate.parse(iso)

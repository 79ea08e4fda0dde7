"""A small gazetteer and events file built in tests, independent of the bundled data."""

from pathlib import Path

from geohist.datafiles.places_csv import read_places_csv
from geohist.model.place import Gazetteer

PLACES_CSV = """\
id,kind,name_en,name_id,aliases,lat,lon,geometry,countries,historical_names,source
moscow,city,Moscow,Moskow,Moskwa,55.7522,37.6156,,,,test
ankara,city,Ankara,Ankara,Angora,39.9199,32.8543,,,Angora@1400/1930,test
lushun,city,Lüshun,Lüshun,Port Arhur,38.8120,121.2619,,,Port Arthur@1898/1955;Ryojun@1905/1945,test
kuril-islands,islands,Kuril Islands,Kepulauan Kuril,Kuril,45.5,149.0,"MULTIPOINT ((147.7 45.0), (146.0 44.0), (150.5 46.5))",RUS,,test
soviet-union,polity,Soviet Union,Uni Soviet,USSR;Uni Soviet,55.75,37.62,,RUS;UKR,Soviet Union@1922/1991,test
"""

SOURCE_TEXT = "Pada 16 Maret 1921, di Moskow, pemerintah Lenin menyimpulkan perjanjian.\n"
QUOTE = "Pada 16 Maret 1921, di Moskow"


def small_gazetteer(tmp_path: Path) -> Gazetteer:
    path = tmp_path / "places.csv"
    path.write_text(PLACES_CSV, encoding="utf-8")
    places, problems = read_places_csv(path)
    assert problems == []
    return Gazetteer.of(places)


def events_csv(rows: str) -> str:
    header = (
        "id,start,end,mod,title,title:id,places,summary,tags,source,quote_start,quote_end,quote\n"
    )
    return header + rows

"""Events as GeoJSON through geopandas: round trip, own geometries, and located problems."""

import json

from tests.small_data import small_gazetteer
from tests.test_events_csv import GOOD, load

from geohist.datafiles.events_geojson import read_events_geojson, write_events_geojson
from geohist.datafiles.load import read_events


def test_round_trip_through_geojson(tmp_path):
    (tmp_path / "src.txt").write_text(
        "Pada 16 Maret 1921, di Moskow, pemerintah Lenin.\n", encoding="utf-8"
    )
    events = load(tmp_path, GOOD).events
    gazetteer = small_gazetteer(tmp_path)
    out = tmp_path / "events.geojson"
    write_events_geojson(events, gazetteer, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 3
    first = data["features"][0]
    assert first["geometry"]["type"] == "MultiPoint"
    assert first["geometry"]["coordinates"][0] == [37.6156, 55.7522]  # lon, lat
    again = read_events(out, gazetteer)
    assert again.problems == []
    assert again.events == events


def test_feature_without_places_gets_its_own_place(tmp_path):
    path = tmp_path / "mine.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [12.4964, 41.9028]},
                        "properties": {
                            "id": "caesar",
                            "start": "-0043-03-15",
                            "end": None,
                            "title": "Caesar dies",
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    result = read_events_geojson(path, small_gazetteer(tmp_path))
    assert result.problems == []
    [event] = result.events
    assert event.when.start.year == -43
    assert event.place_ids == ("caesar@place",)


def test_bad_feature_is_located_by_number(tmp_path):
    path = tmp_path / "bad.geojson"
    features = [
        {
            "type": "Feature",
            "geometry": None,
            "properties": {
                "id": "a",
                "start": "1950",
                "end": None,
                "title": "A",
                "places": "moscow",
            },
        },
        {
            "type": "Feature",
            "geometry": None,
            "properties": {
                "id": "b",
                "start": "1950-13",
                "end": None,
                "title": "B",
                "places": "moscow",
            },
        },
    ]
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    result = read_events_geojson(path, small_gazetteer(tmp_path), label="bad.geojson")
    assert [e.id for e in result.events] == ["a"]
    [problem] = result.problems
    assert str(problem) == "bad.geojson: feature 2: start: month 13 is not 1-12"


def test_not_geojson_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text("{not json", encoding="utf-8")
    result = read_events_geojson(path, small_gazetteer(tmp_path), label="broken.geojson")
    assert result.events == []
    assert "not a readable GeoJSON file" in result.problems[0].message

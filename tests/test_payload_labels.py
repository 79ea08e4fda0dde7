"""label_columns: what a language switch sends equals the wording of a payload built in it."""

from geohist.datafiles.load import load_catalog
from geohist.mapview.payload import catalog_payload, label_columns
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.time import TimeSpan


def _worded(events: dict, places: dict) -> tuple[list, list, dict]:
    """Per event (in payload order) its title and date label, and per place its name."""
    labels = [events["date_labels"][n] for n in events["date_label"]]
    return events["title"], labels, places


def test_the_labels_of_a_language_are_those_of_a_payload_in_it():
    catalog, problems = load_catalog()  # the bundled history: Indonesian and English wording
    assert not problems and len(catalog) > 20
    for lang in ("en", "id"):
        payload = catalog_payload(catalog, lang)
        labels = label_columns(catalog, lang)
        assert labels["lang"] == lang
        names = {pid: place["name"] for pid, place in payload["places"].items()}
        assert _worded(labels, labels["place_names"]) == _worded(payload["events"], names)
    english, indonesian = label_columns(catalog, "en"), label_columns(catalog, "id")
    assert english["date_labels"] != indonesian["date_labels"]  # month names differ


def test_translated_titles_follow_the_language():
    event = Event(
        "e1",
        "Treaty of Moscow",
        TimeSpan.parse("1921-03-16"),
        ("moscow",),
        translations={"id": {"title": "Perjanjian Moskwa"}},
    )
    catalog = EventCatalog([event])
    assert label_columns(catalog, "en")["title"] == ["Treaty of Moscow"]
    assert label_columns(catalog, "id")["title"] == ["Perjanjian Moskwa"]
    assert label_columns(catalog, "id")["date_labels"] == ["16 Maret 1921"]

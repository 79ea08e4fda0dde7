"""The timeline state and its pure helpers, without Qt: cursor, view, typed dates, playback, ticks."""

from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geohist.errors import DateError
from geohist.model.catalog import EventCatalog
from geohist.model.event import Event
from geohist.model.time import Precision, TimeSpan, days_from_civil
from geohist.timeline import (
    MIN_SPAN,
    PlaybackSettings,
    TimelineState,
    advance,
    choose_tick_unit,
    context_label,
    day_to_x,
    parse_typed_date,
    shift_calendar,
    start_playback,
    ticks,
    x_to_day,
)


def day(y, m=1, d=1):
    return days_from_civil(y, m, d)


def event(event_id, start, end="", part=None):
    return Event(event_id, event_id, TimeSpan.parse(start, end, part), ("moscow",))


CAESAR, TREATY, AID, SINO, CRACKS = (
    day(-43, 3, 15),
    day(1921, 3, 16),
    day(1920),
    day(1950, 2, 15),
    day(1960),
)


@pytest.fixture
def catalog():
    return EventCatalog(
        [
            event("caesar", "-0043-03-15"),  # the Ides of March, 44 BCE
            event("treaty", "1921-03-16"),
            event("aid", "1920", "1922"),
            event("sino-soviet", "1950-02-15"),
            event("cracks", "196X", part="early"),
        ]
    )


@pytest.fixture
def state(catalog):
    return TimelineState(catalog)


def recorder(signal):
    calls = []
    signal.connect(lambda *args: calls.append(args))
    return calls


# -- the cursor ----------------------------------------------------------------------------


def test_starts_at_the_first_event_with_everything_in_view(state):
    assert state.day == CAESAR
    first, last = state.view
    assert first < CAESAR and last > day(1969, 12, 31)


def test_set_day_clamps_to_the_data_and_a_margin(state):
    lo, hi = state.day_limits()
    assert lo < CAESAR and hi > day(1969, 12, 31)
    state.set_day(day(-5000))
    assert state.day == lo
    state.set_day(day(9999))
    assert state.day == hi


def test_set_day_emits_only_on_change(state):
    calls = recorder(state.day_changed)
    state.set_day(TREATY)
    state.set_day(TREATY)
    assert calls == [(TREATY,)]


def test_set_day_pans_the_view_to_follow_the_cursor(state):
    state.zoom(100, CAESAR)
    state.set_day(TREATY)
    first, last = state.view
    assert first <= TREATY <= last


def test_next_previous_home_end_across_the_era_boundary(state):
    state.next_event()
    assert state.day == AID  # 1920 starts before the 1921 treaty
    state.next_event()
    assert state.day == TREATY
    state.previous_event()
    state.previous_event()
    assert state.day == CAESAR
    state.previous_event()  # nothing earlier: stays
    assert state.day == CAESAR
    state.end()
    assert state.day == CRACKS
    state.next_event()
    assert state.day == CRACKS
    state.home()
    assert state.day == CAESAR


def test_next_event_from_between_events(state):
    state.set_day(day(1930))
    state.next_event()
    assert state.day == SINO


@pytest.mark.parametrize(
    ("span", "start", "expected"),
    [
        (60, day(1950, 1, 31), day(1950, 2, 1)),  # a day
        (2 * 365, day(1950, 1, 31), day(1950, 2, 28)),  # a month, clamped to February
        (50 * 365, day(1950, 2, 15), day(1951, 2, 15)),  # a year
        (1000 * 365, day(1950, 2, 15), day(1960, 2, 15)),  # a decade
        (60, day(-43, 12, 31), day(-42, 1, 1)),  # BCE days are just integers
    ],
)
def test_fine_step_unit_follows_the_zoom(state, span, start, expected):
    mid = (state.view[0] + state.view[1]) / 2
    state.zoom(state.span / span, mid)
    assert state.span == pytest.approx(span)
    state.set_day(start)
    state.fine_step(1)
    assert state.day == expected
    state.fine_step(-1)
    assert state.day <= start


def test_shift_calendar_by_months_crosses_years():
    assert shift_calendar(day(1950, 11, 30), Precision.MONTH, 3) == day(1951, 2, 28)
    assert shift_calendar(day(1950, 2, 15), Precision.MONTH, -2) == day(1949, 12, 15)


# -- the view ------------------------------------------------------------------------------


def test_zoom_keeps_the_anchor_under_the_pointer(state):
    anchor = day(1900)
    before = day_to_x(anchor, state.view, 1000)
    state.zoom(4, anchor)
    assert day_to_x(anchor, state.view, 1000) == pytest.approx(before)


@given(
    factor=st.floats(0.05, 20),
    fraction=st.floats(0, 1),
    pan=st.floats(-1e6, 1e6),
)
def test_zoom_and_pan_keep_the_view_within_limits(factor, fraction, pan):
    state = TimelineState(EventCatalog([event("a", "1900"), event("b", "2000")]))
    lo, hi = state.view_limits()
    first, last = state.view
    state.zoom(factor, first + fraction * (last - first))
    state.pan(pan)
    first, last = state.view
    assert lo - 1e-6 <= first < last <= hi + 1e-6
    assert MIN_SPAN - 1e-6 <= last - first <= hi - lo + 1e-6


def test_zoom_limits(state):
    state.zoom(1e9, TREATY)
    assert state.span == pytest.approx(MIN_SPAN)
    state.zoom(1e-9, TREATY)
    lo, hi = state.catalog.bounds()
    assert state.span == pytest.approx(1.5 * (hi - lo))


def test_view_changed_emits_first_and_last(state):
    calls = recorder(state.view_changed)
    state.zoom(2)
    state.pan(1000)
    state.fit()
    assert len(calls) == 3 and all(len(c) == 2 and c[0] < c[1] for c in calls)


def test_day_x_round_trip():
    view = (day(1900), day(2000))
    for d in (day(1900), day(1950, 2, 15), day(2000)):
        assert x_to_day(day_to_x(d, view, 1234), view, 1234) == d
    assert day_to_x(day(1950), view, 1000) == pytest.approx(500, abs=0.2)


# -- typed dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first_day", "precision"),
    [
        ("15 Februari 1950", day(1950, 2, 15), Precision.DAY),
        ("16 March 1921", day(1921, 3, 16), Precision.DAY),
        ("March 16, 1921", day(1921, 3, 16), Precision.DAY),
        ("1950", day(1950), Precision.YEAR),
        ("Feb 1950", day(1950, 2), Precision.MONTH),
        ("agustus 1945", day(1945, 8), Precision.MONTH),
        ("  17   Agu  1945 ", day(1945, 8, 17), Precision.DAY),
        ("1921-03-16", day(1921, 3, 16), Precision.DAY),
        ("44 BCE", day(-43), Precision.YEAR),
        ("15 Mar 44 SM", day(-43, 3, 15), Precision.DAY),
        ("196X", day(1960), Precision.DECADE),
    ],
)
def test_parse_typed_date(text, first_day, precision):
    date = parse_typed_date(text)
    assert (date.first_day, date.precision) == (first_day, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1950-02-30", "no day 30"),
        ("30 Februari 1950", "no day 30"),
        ("Ma 1950", "not a month name"),
        ("yesterday", "not a date"),
        ("", "type a date"),
        ("0 BCE", "no year 0"),
    ],
)
def test_parse_typed_date_errors_say_why(text, message):
    with pytest.raises(DateError, match=message):
        parse_typed_date(text)


def test_go_to_moves_the_cursor(state):
    state.go_to("16 March 1921")
    assert state.day == TREATY


def test_go_to_outside_the_timeline_is_an_error(state):
    with pytest.raises(DateError, match="outside"):
        state.go_to("1 January 3000")
    assert state.day == CAESAR


# -- the cursor label ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "at", "expected"),
    [
        ("id", CRACKS, "awal 1960-an"),
        ("en", CRACKS, "early 1960s"),
        ("id", SINO, "15 Februari 1950"),
        ("en", CAESAR, "15 March 44 BCE"),
        ("en", AID, "1920"),
    ],
)
def test_current_label_at_an_event_start_uses_its_precision(catalog, lang, at, expected):
    state = TimelineState(catalog, lang)
    state.set_day(at)
    assert state.current_label() == expected


@pytest.mark.parametrize(
    ("span", "expected"),
    [(100, "17 August 1945"), (20 * 365, "August 1945"), (1000 * 365, "1945")],
)
def test_current_label_between_events_follows_the_zoom(state, span, expected):
    state.set_day(day(1945, 8, 17))
    state.zoom(state.span / span, state.day)
    assert state.current_label() == expected


def test_set_lang(state):
    calls = recorder(state.lang_changed)
    state.set_lang("id")
    state.set_lang("id")
    assert calls == [("id",)]
    with pytest.raises(ValueError, match="language"):
        state.set_lang("fr")


def test_set_catalog_resets_cursor_view_and_playing(state):
    state.set_playing(True)
    days = recorder(state.day_changed)
    state.set_catalog(EventCatalog([event("x", "1990")]))
    assert (state.day, state.playing, days) == (day(1990), False, [(day(1990),)])
    assert state.view[0] < day(1990) < state.view[1]


def test_empty_catalog_is_usable():
    state = TimelineState(EventCatalog([]))
    state.next_event()
    state.home()
    state.zoom(3)
    assert state.current_label()


# -- playback ------------------------------------------------------------------------------

JAN, JUN, NEXT_JAN = day(1950, 1, 1), day(1950, 6, 1), day(1951, 1, 1)
PLAY = EventCatalog([event("a", "1950-01-01"), event("b", "1950-06-01"), event("c", "1951-01-01")])
BCE = EventCatalog([event("caesar", "-0043-03-15"), event("treaty", "1921-03-16")])
YEARS = PlaybackSettings("years", years_per_second=1.0)
EVENTS = PlaybackSettings("events", seconds_per_event=1.5)


@pytest.mark.parametrize(
    ("catalog", "at", "settings", "elapsed", "carry", "expected"),
    [
        # years mode: 365.2425 days a second, the fraction carried to the next tick
        (PLAY, JAN, YEARS, 0.03, 0.0, (JAN + 10, False, 0.957275)),
        (PLAY, JAN, YEARS, 0.001, 0.0, (JAN, False, 0.3652425)),
        (PLAY, JAN, YEARS, 0.001, 0.9, (JAN + 1, False, 0.2652425)),
        (PLAY, JAN, PlaybackSettings("years", 5.0), 0.1, 0.0, (JAN + 182, False, 0.62125)),
        (PLAY, NEXT_JAN - 5, YEARS, 0.5, 0.0, (NEXT_JAN, True, 0.0)),  # stop at the end
        (PLAY, NEXT_JAN - 5, replace(YEARS, loop=True), 0.5, 0.0, (NEXT_JAN, False, 0.0)),
        (PLAY, NEXT_JAN, replace(YEARS, loop=True), 0.03, 0.0, (JAN, False, 0.0)),  # wrap
        (PLAY, NEXT_JAN, YEARS, 0.03, 0.0, (NEXT_JAN, True, 0.0)),
        (BCE, CAESAR, PlaybackSettings("years", 100.0), 1.0, 0.0, (CAESAR + 36524, False, 0.25)),
        # events mode: a jump every seconds_per_event, the waited time carried
        (PLAY, JAN, EVENTS, 1.0, 0.0, (JAN, False, 1.0)),
        (PLAY, JAN, EVENTS, 0.6, 1.0, (JUN, False, 0.1)),
        (PLAY, JAN, EVENTS, 3.0, 0.0, (NEXT_JAN, False, 0.0)),  # two jumps in one long tick
        (PLAY, NEXT_JAN, EVENTS, 1.5, 0.0, (NEXT_JAN, True, 0.0)),  # stop at the last event
        (PLAY, NEXT_JAN, replace(EVENTS, loop=True), 1.5, 0.0, (JAN, False, 0.0)),
        (BCE, CAESAR, EVENTS, 1.5, 0.0, (day(1921, 3, 16), False, 0.0)),
        (EventCatalog([]), JAN, EVENTS, 1.5, 0.0, (JAN, True, 0.0)),
    ],
)
def test_advance(catalog, at, settings, elapsed, carry, expected):
    step = advance(at, settings, elapsed, catalog, carry)
    assert (step.day, step.stopped) == expected[:2]
    assert step.carry == pytest.approx(expected[2])


@pytest.mark.parametrize(
    ("at", "settings", "expected"),
    [
        (JUN, EVENTS, (JUN, False, 1.5)),  # first jump due at once
        (NEXT_JAN, EVENTS, (JAN, False, 0.0)),  # at the end: rewind, show the first fully
        (JUN, YEARS, (JUN, False, 0.0)),
        (NEXT_JAN, YEARS, (JAN, False, 0.0)),
    ],
)
def test_start_playback(at, settings, expected):
    step = start_playback(at, settings, PLAY)
    assert (step.day, step.stopped, step.carry) == expected


def test_playback_settings_are_checked():
    with pytest.raises(ValueError, match="mode"):
        PlaybackSettings("minutes")
    with pytest.raises(ValueError, match="positive"):
        PlaybackSettings("years", years_per_second=0)


def test_update_playback_emits_the_new_settings(state):
    calls = recorder(state.playback_changed)
    state.update_playback(mode="years", years_per_second=5.0)
    assert calls == [(PlaybackSettings("years", 5.0),)]


# -- ticks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "unit", "some_labels"),
    [
        (day(1950, 2, 10), day(1950, 2, 20), Precision.DAY, {"11", "15", "20"}),
        (day(1950), day(1952), Precision.MONTH, {"1951", "Maret"}),
        (day(1900), day(2020), Precision.DECADE, {"1900-an", "1960-an"}),
        (day(-1000), day(2000), Precision.CENTURY, {"500 SM", "1000"}),
    ],
)
def test_tick_unit_and_labels(first, last, unit, some_labels):
    assert choose_tick_unit(first, last, 1200)[0] is unit
    labels = {t.label for t in ticks(first, last, 1200, "id")}
    assert some_labels <= labels


def test_month_ticks_mark_new_years_as_major():
    found = ticks(day(1950), day(1952), 1200, "en")
    assert [t.label for t in found if t.major] == ["1950", "1951", "1952"]
    assert "March" in {t.label for t in found}


@given(
    first=st.integers(day(-3000), day(2500)),
    span=st.floats(MIN_SPAN, 2_000_000),
    width=st.integers(200, 3000),
)
def test_ticks_are_at_least_90_px_apart(first, span, width):
    view = (float(first), first + span)
    found = ticks(*view, width, "en")
    xs = [day_to_x(t.day, view, width) for t in found]
    assert all(b - a >= 90 - 1e-6 for a, b in pairwise(xs))
    assert all(view[0] <= t.day <= view[1] for t in found)


def test_context_label_names_the_unit_around_the_left_edge():
    assert context_label(day(1945, 8, 3), day(1945, 8, 30), 1200, "id") == "Agustus 1945"
    assert context_label(day(1950, 5, 1), day(1951, 5, 1), 1200, "en") == "1950"
    assert context_label(day(1900), day(2000), 1200, "en") == ""

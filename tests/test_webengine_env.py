"""Chromium flags set before QtWebEngine starts: ours are added, the user's are kept."""

from __future__ import annotations

import pytest

from geohist.gui.webengine_env import FLAGS_VARIABLE, V8_FLAGS, apply_chromium_flags


def test_our_flags_join_the_users_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FLAGS_VARIABLE, "--no-sandbox --disable-gpu")
    flags = apply_chromium_flags(["--extra-flag"]).split()
    assert flags[:2] == ["--no-sandbox", "--disable-gpu"]
    assert {"--disable-background-networking", V8_FLAGS, "--extra-flag"} <= set(flags)
    assert apply_chromium_flags(["--extra-flag"]).split() == flags  # nothing added twice


def test_the_users_v8_flags_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FLAGS_VARIABLE, "--js-flags=--max-old-space-size=512")
    flags = apply_chromium_flags().split()
    assert [f for f in flags if f.startswith("--js-flags=")] == [
        "--js-flags=--max-old-space-size=512"
    ]
    assert "--disable-component-update" in flags

"""Python's cycle collector runs in the main thread only while the app (or a GUI test) runs."""

from __future__ import annotations

import gc
import weakref

import pytest

from ui.collector import INTERVAL_MS, MainThreadCollector, collect_due

pytestmark = pytest.mark.gui


def test_automatic_collection_is_off_and_the_timer_collects_instead(qtbot) -> None:
    assert not gc.isenabled()  # the GUI test set-up installed the collector

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    first = Cycle()
    gone = weakref.ref(first)
    del first
    for _ in range(gc.get_threshold()[0] * 2):
        Cycle()
    qtbot.wait(INTERVAL_MS * 3)
    assert gone() is None


def test_nothing_is_collected_before_a_threshold_is_passed() -> None:
    gc.collect()
    assert collect_due() == -1


def test_stopping_gives_the_automatic_collector_back(qapp) -> None:
    gc.enable()
    collector = MainThreadCollector(qapp)
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()
    gc.disable()  # as the test set-up had it

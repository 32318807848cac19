"""ui/pacing.FramePacer: a screen's frame as soon as it is asked for, at most one an interval (a cue's at
most two), and not while a widget's update is still queued for the screen. On a loop whose time the test
moves: what is scheduled, for when, and what is painted."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

import pytest
from textual.app import active_app

from rhythm_console.ui.pacing import FramePacer

INTERVAL = 0.1


class Handle:
    def __init__(self, when: float, callback, args: tuple) -> None:
        self.when, self.callback, self.args = when, callback, args
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class SteppedLoop:
    """The loop's scheduling, run by the test: `run_until(t)` moves time on and runs what is due."""

    def __init__(self) -> None:
        self.now = 100.0
        self.handles: list[Handle] = []

    def time(self) -> float:
        return self.now

    def call_soon(self, callback, *args) -> Handle:
        return self.call_at(self.now, callback, *args)

    def call_at(self, when: float, callback, *args) -> Handle:
        handle = Handle(when, callback, args)
        self.handles.append(handle)
        return handle

    def scheduled(self) -> list[float]:
        return sorted(h.when for h in self.handles if not h.cancelled)

    def run_until(self, until: float) -> None:
        while due := sorted((h for h in self.handles if not h.cancelled and h.when <= until), key=lambda h: h.when):
            handle = due[0]
            self.handles.remove(handle)
            self.now = max(self.now, handle.when)
            handle.callback(*handle.args)
        self.now = until


class Screen:
    is_running = True
    message_queue_size = 0


class App:
    _exit = False

    def _handle_exception(self, error: Exception) -> None:
        raise error


@contextmanager
def a_pacer():
    loop, screen, painted = SteppedLoop(), Screen(), []
    token = active_app.set(App())  # type: ignore[arg-type]  # what the pacer asks of the app: is it leaving
    try:
        pacer = FramePacer(screen, lambda: painted.append(loop.now), INTERVAL, loop=loop)  # type: ignore[arg-type]
        yield pacer, loop, screen, painted
    finally:
        active_app.reset(token)


def test_the_first_frame_asked_for_is_painted_at_once():
    with a_pacer() as (pacer, loop, _, painted):
        pacer.resume()
        loop.run_until(100.0)
        assert painted == [100.0]


def test_a_frame_asked_for_within_an_interval_of_the_last_waits_for_the_interval_to_end():
    with a_pacer() as (pacer, loop, _, painted):
        pacer.resume()
        loop.run_until(100.03)
        pacer.resume()
        pacer.resume()  # asked twice: one frame
        assert loop.scheduled() == [pytest.approx(100.1)]
        loop.run_until(100.5)
        assert painted == [100.0, pytest.approx(100.1)]


def test_a_frame_asked_for_an_interval_after_the_last_is_painted_at_once_not_at_a_later_slot():
    with a_pacer() as (pacer, loop, _, painted):
        pacer.resume()
        loop.run_until(100.234)
        pacer.resume()
        loop.run_until(100.234)
        assert painted == [100.0, 100.234]


def test_a_hurried_frame_waits_only_half_an_interval_and_takes_the_place_of_a_later_one():
    with a_pacer() as (pacer, loop, _, painted):
        pacer.resume()
        loop.run_until(100.01)
        pacer.resume()  # something else changed: due at 100.1
        pacer.hurry()  # a cue lands
        pacer.resume()
        assert loop.scheduled() == [pytest.approx(100.05)]
        loop.run_until(100.5)
        assert painted == [100.0, pytest.approx(100.05)]
        pacer.resume()
        loop.run_until(100.5)
        assert painted[-1] == 100.5  # the hurry was for one frame


def test_paused_it_paints_nothing_until_resumed():
    with a_pacer() as (pacer, loop, _, painted):
        pacer.resume()
        pacer.pause()
        loop.run_until(101.0)
        assert painted == []
        pacer.resume()
        loop.run_until(101.0)
        assert painted == [101.0]


def test_the_frame_waits_for_what_is_queued_for_the_screen_then_is_painted_when_asked_again():
    with a_pacer() as (pacer, loop, screen, painted):
        screen.message_queue_size = 2  # two widgets' updates the screen has not taken in yet
        pacer.resume()
        loop.run_until(100.0)
        assert painted == []
        screen.message_queue_size = 0
        loop.run_until(100.002)
        pacer.resume()  # the screen took them in and asks again
        loop.run_until(100.002)
        assert painted == [100.002]


def test_a_screen_never_free_of_queued_updates_is_still_painted_every_interval():
    with a_pacer() as (pacer, loop, screen, painted):
        screen.message_queue_size = 1
        pacer.resume()
        loop.run_until(100.35)
        assert painted == [pytest.approx(100.1)]


@pytest.mark.parametrize("going", ["screen", "app"])
def test_nothing_is_painted_once_the_screen_or_the_app_is_going(going: str):
    with a_pacer() as (pacer, loop, screen, painted):
        pacer.resume()
        target: Any = screen if going == "screen" else active_app.get()
        if going == "screen":
            target.is_running = False
        else:
            target._exit = True
        loop.run_until(101.0)
        assert painted == []

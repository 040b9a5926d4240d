"""The command line's progress display, fed by `events`: on a terminal one line rewritten in place (resource,
status, time elapsed); otherwise plain lines ("endpoint X: Updating") that logs and CI keep, and while a status lasts
a line every `every` seconds ("endpoint X: still Creating (1m30s)") so that a log shows the wait goes on."""
from __future__ import annotations

import re
import sys
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

from ..core import events

STATUS = re.compile(r"[A-Z][A-Za-z]+")  # "Creating", "InService", "Gone": a status; anything else is a note
CLEAR = "\r\x1b[K"
TICK_SECONDS = 1.0
STILL_WAITING_SECONDS = 30.0


def elapsed(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}m{whole % 60:02d}s" if whole >= 60 else f"{whole}s"


class Progress:
    """An `events` sink. `stream=None` writes to the sys.stderr of the moment (tests swap it)."""

    def __init__(self, stream: TextIO | None = None, tty: bool | None = None,
                 clock: Callable[[], float] = time.monotonic, every: float | None = None) -> None:
        self._stream = stream
        self.tty = self._out().isatty() if tty is None else tty
        self._clock = clock
        self._started = self._said = clock()  # _said: when the last plain line was written
        self._every = STILL_WAITING_SECONDS if every is None else every
        self._line: tuple[str, str, str] | None = None  # (name, noun, status): the live line, or the status that lasts
        self._lock = threading.Lock()

    def _out(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stderr

    def __call__(self, name: str, message: str, noun: str = events.ENDPOINT) -> None:
        with self._lock:
            if not self.tty:
                if STATUS.fullmatch(message):
                    self._line = (name, noun, message)
                self._out().write(f"{events.line(name, message, noun)}\n")
                self._said = self._clock()
            elif STATUS.fullmatch(message):
                self._line = (name, noun, message)
                self._draw()
            else:  # a note stays on its own line; the live line is drawn again below it
                self._out().write(f"{CLEAR}{events.line(name, message, noun)}\n")
                self._draw()
            self._out().flush()

    def tick(self) -> None:
        """Redraw the live line so its elapsed time moves; off a terminal, say the status lasts once `every`
        seconds have passed without a line."""
        with self._lock:
            if self._line is None:
                return
            if self.tty:
                self._draw()
            elif self._clock() - self._said >= self._every:
                name, noun, status = self._line
                still = f"still {status} ({elapsed(self._clock() - self._started)})"
                self._out().write(f"{events.line(name, still, noun)}\n")
                self._said = self._clock()
            else:
                return
            self._out().flush()

    def close(self) -> None:
        with self._lock:
            if self.tty and self._line is not None:
                self._draw()
                self._out().write("\n")
                self._out().flush()
            self._line = None

    def _draw(self) -> None:
        if self._line is not None:
            name, noun, status = self._line
            lasting = f"{status} ({elapsed(self._clock() - self._started)})"
            self._out().write(f"{CLEAR}{events.line(name, lasting, noun)}")


@contextmanager
def display(stream: TextIO | None = None, tty: bool | None = None, every: float | None = None) -> Iterator[Progress]:
    """Route `events` to a Progress for the duration, then give them back to whatever received them before."""
    progress = Progress(stream, tty, every=every)
    previous = events.sinks()
    stop = threading.Event()
    ticker = threading.Thread(target=_tick, args=(progress, stop), name="progress-ticker", daemon=True)
    events.set_sink(progress)
    ticker.start()
    try:
        yield progress
    finally:
        stop.set()
        if ticker.is_alive():
            ticker.join()
        progress.close()
        events.replace_sinks(previous)


def _tick(progress: Progress, stop: threading.Event) -> None:
    while not stop.wait(TICK_SECONDS):
        progress.tick()

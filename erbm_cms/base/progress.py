"""A progress bar for long management commands, drawn only on a terminal."""

import sys
import time


class ProgressBar:
    WIDTH = 30

    def __init__(self, total, label="", stream=None):
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.enabled = self.total > 0 and hasattr(self.stream, "isatty") and self.stream.isatty()

    def advance(self, step=1):
        self.done += step
        self.draw()

    def draw(self):
        if not self.enabled:
            return
        filled = int(self.WIDTH * self.done / self.total)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} ({self.elapsed:.0f} s, {self.rate:.0f}/s)")
        self.stream.flush()

    @property
    def elapsed(self):
        return time.monotonic() - self.started

    @property
    def rate(self):
        """Items per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    def summary(self):
        """One line for the log, terminal or not: « label : 120 en 2,0 s (60/s) »."""
        return f"{self.label} : {self.done} en {self.elapsed:.1f} s ({self.rate:.0f}/s)".replace(".", ",", 1)

    def clear(self):
        """Erase the bar so that an ordinary line can be printed."""
        if self.enabled:
            self.stream.write("\r\033[K")

    def finish(self):
        if self.enabled:
            self.clear()
            self.stream.flush()

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
        elapsed = time.monotonic() - self.started
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} ({elapsed:.0f} s)")
        self.stream.flush()

    def clear(self):
        """Erase the bar so that an ordinary line can be printed."""
        if self.enabled:
            self.stream.write("\r\033[K")

    def finish(self):
        if self.enabled:
            self.clear()
            self.stream.flush()

"""How long work reports progress: `progress(done, total)`, from any thread.

A caller that offers Cancel makes its `progress` raise `Cancelled`; work that writes
a file then stops at the next report and leaves no partial file behind.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The user asked to stop; raised from a `progress` call."""


def no_progress(done: int, total: int) -> None:
    """For callers that do not show progress (scripts, tests)."""


class Steps:
    """Counts work in units and reports to `progress` about every half percent,
    so a per-row `tick()` stays cheap and Cancel is noticed within a moment."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress or no_progress
        self.total = max(total, 1)
        self.done = 0
        self.every = max(self.total // 200, 1)
        self._next = 0
        self.progress(0, self.total)

    def tick(self, units: int = 1) -> None:
        self.done += units
        if self.done >= self._next:
            self._next = self.done + self.every
            self.progress(min(self.done, self.total), self.total)

    def now(self) -> None:
        """Report at once (before a long step that reports nothing itself)."""
        self.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        self.done = self.total
        self.progress(self.total, self.total)

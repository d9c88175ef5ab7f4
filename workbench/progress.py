"""How long work reports progress: `progress(done, total)`, from any thread."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """For callers that do not show progress (scripts, tests)."""

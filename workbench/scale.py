"""The ordinal scale of scores and strengths: whole numbers from 0 to 4.

The project file's CHECK constraints hold the same bounds, and a framework
definition must use them (its labels name these five values), so this module is
the one place the code states them.
"""

from __future__ import annotations

from typing import Any

SCALE_MIN = 0
SCALE_MAX = 4
SCALE = tuple(range(SCALE_MIN, SCALE_MAX + 1))


def on_scale(value: Any) -> bool:
    """A whole number on the scale (booleans are not numbers here)."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and SCALE_MIN <= value <= SCALE_MAX
    )

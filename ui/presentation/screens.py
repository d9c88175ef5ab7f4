"""Which screen the room sees and which the facilitator keeps: decided from the screens'
geometries alone, so that the choice is the same on any platform and can be checked
without two real screens."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect


@dataclass(frozen=True)
class Placement:
    """Indexes into the list of screens: where the slide goes, and the presenter view
    (None with a single screen: the facilitator then sees the slide itself)."""

    slide: int
    presenter: int | None


def holding(geometries: list[QRect], point: QPoint) -> int:
    """The screen under a point (the main window's centre), or the nearest one."""
    for index, rect in enumerate(geometries):
        if rect.contains(point):
            return index

    def distance(rect: QRect) -> int:
        return (rect.center() - point).manhattanLength()

    return min(range(len(geometries)), key=lambda i: distance(geometries[i]))


def place(geometries: list[QRect], facilitator: int, slide_on: int | None = None) -> Placement:
    """The slide on another screen than the facilitator's (the largest other one: a
    projector or a wall screen), the presenter view on the facilitator's own screen.
    `slide_on` keeps a screen the facilitator moved the slide to (S)."""
    if not geometries:
        raise ValueError("there is no screen to present on")
    facilitator = min(max(facilitator, 0), len(geometries) - 1)
    if len(geometries) == 1:
        return Placement(0, None)
    if slide_on is not None and 0 <= slide_on < len(geometries):
        if slide_on == facilitator:  # both on the laptop: the presenter goes elsewhere
            others = [i for i in range(len(geometries)) if i != slide_on]
            return Placement(slide_on, others[0])
        return Placement(slide_on, facilitator)
    others = [i for i in range(len(geometries)) if i != facilitator]
    largest = max(others, key=lambda i: (_area(geometries[i]), -i))
    return Placement(largest, facilitator)


def _area(rect: QRect) -> int:
    return rect.width() * rect.height()


def next_slide_screen(geometries: list[QRect], current: int, facilitator: int) -> Placement:
    """S: the slide moves to the next screen; the presenter view takes the one it left
    when the slide lands on the facilitator's screen."""
    target = (current + 1) % len(geometries)
    if len(geometries) == 2 and target == facilitator:
        return Placement(target, current)  # the two swap
    return place(geometries, facilitator, slide_on=target)

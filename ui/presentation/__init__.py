"""Workshop mode: a case's matrix projected for a room, driven by keys or a clicker,
scored live with the room's votes; slides and handouts of the same drawing.

Loaded only when the user presents: nothing here is imported at start-up.
"""

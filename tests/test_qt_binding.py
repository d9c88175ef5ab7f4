"""Guards against a Qt binding that would crash a long session.

PySide6 6.12.0 drops a reference to None every time a QVariant converts to
None (for example `index.data(role)` on an empty role). On Python < 3.12,
None is not immortal, so after enough repaints the interpreter aborts.
"""

import sys

from PySide6.QtCore import QStringListModel, Qt


def test_converting_an_empty_qvariant_keeps_none_alive():
    model = QStringListModel(["a"])
    index = model.index(0)
    before = sys.getrefcount(None)
    for _ in range(1000):
        assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert sys.getrefcount(None) - before > -10

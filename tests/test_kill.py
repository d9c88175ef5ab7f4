"""Kill test: SIGKILL a process that is applying commands, many times, at random moments.

After every kill the project must pass integrity and foreign-key checks, and
every command the child acknowledged (printed after its commit) must be fully
present: a case with all four cells scored, its tags and its objectives.
"""

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from workbench.project import Project

ROOT = Path(__file__).resolve().parent.parent
KILLS = 25

CHILD = textwrap.dedent(
    """
    import sys
    from workbench.commands import AddCase, CompositeCommand, SetCell
    from workbench.project import Project

    project = Project.open(sys.argv[1], backup=False)
    start = int(sys.argv[2])
    print("ready", flush=True)
    n = start
    while True:
        add = AddCase(f"Case {n}", tags=["a", "b", "c"], gcm_objectives=[1, 11, 23],
                      uid=f"k{n}")
        project.apply(add)
        cells = [SetCell(add.case_id, t, score=n % 5, memo=f"memo {n}")
                 for t in ("compulsory", "institutional", "structural", "productive")]
        project.apply(CompositeCommand(f"Score case {n}", cells))
        print(f"ack {n}", flush=True)
        n += 1
    """
)


def _complete(project: Project, uid: str) -> bool:
    store = project.store
    case = store.get("study_case", {"uid": uid})
    if case is None:
        return False
    n = int(uid[1:])
    cells = store.select("matrix_cell", {"case_id": case["id"]})
    return (
        len(cells) == 4
        and all(c["score"] == n % 5 and c["memo"] == f"memo {n}" for c in cells)
        and store.count("case_tag", {"case_id": case["id"]}) == 3
        and store.count("case_gcm_objective", {"case_id": case["id"]}) == 3
    )


def test_sigkill_never_leaves_half_a_command(tmp_path):
    path = tmp_path / "killed.mpw"
    Project.create(path).close()
    rng = random.Random(20261123)
    acknowledged: set[str] = set()
    next_n = 0
    for _round in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(next_n)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        acks = [line.split()[1] for line in out.splitlines() if line.startswith("ack ")]
        acknowledged.update(f"k{n}" for n in acks)
        with Project.open(path, backup=False) as project:
            assert project.recovered_from_crash
            assert project.store.integrity_problems() == []
            assert project.store.foreign_key_problems() == []
            for uid in acknowledged:
                assert _complete(project, uid), f"acknowledged {uid} is incomplete"
            # a case whose scoring was not yet committed may exist, but never half-scored
            for case in project.store.select("study_case"):
                cells = project.store.select("matrix_cell", {"case_id": case["id"]})
                assert len(cells) == 4
                scored = [c["score"] is not None for c in cells]
                assert all(scored) or not any(scored)
            ids = [int(c["uid"][1:]) for c in project.store.select("study_case")]
        next_n = max(ids, default=-1) + 1
    assert len(acknowledged) > KILLS  # the child really got work done between kills


TYPIST = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["MPW_CONFIG_DIR"], os.environ["MPW_DATA_DIR"] = sys.argv[2], sys.argv[3]
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from ui.app import create_application
    from ui.main_window import MainWindow

    app = create_application()
    w = MainWindow()
    w.show()
    assert w.open_path(Path(sys.argv[1]))
    QTest.qWaitForWindowActive(w)
    memo = w.view.matrix.quadrant("compulsory").memo
    QTest.mouseClick(memo.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(memo, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(memo, " Typed, then left alone.")
    QTest.qWait(int(sys.argv[4]))  # the user stops typing and looks away
    print("waited", memo.hasFocus(), flush=True)
    while True:  # still running, the field still focused, until killed
        QTest.qWait(50)
    """
)


def test_a_memo_left_after_typing_survives_a_kill(tmp_path, sample_path):
    """Typed text is saved about a second after typing stops, without leaving the field:
    a process killed then (kill -9, a power cut) loses nothing typed before the pause."""
    from ui.widgets import AUTOSAVE_MS

    with Project.open(sample_path, backup=False) as project:
        case = project.store.get("study_case", {"uid": "eu-turkey-2016"})
        key = {"case_id": case["id"], "power_type_id": "compulsory"}
        before = project.store.get("matrix_cell", key)["memo"]
    home = tmp_path / "home"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            TYPIST,
            str(sample_path),
            str(home / "config"),
            str(home / "data"),
            str(AUTOSAVE_MS + 1500),  # the pause, and room for a busy machine
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "waited True"  # typed, still in the memo
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=30)
    with Project.open(sample_path, backup=False) as project:
        assert project.recovered_from_crash
        assert project.store.get("matrix_cell", key)["memo"] == before + " Typed, then left alone."

"""Opening while another process removes the project's -wal file (SQLite does when it
closes its last connection): never a raw FileNotFoundError."""

import subprocess
import sys
import textwrap
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.project import Project

_real_stat = Path.stat


def _wal_vanishes_between_looks(monkeypatch):
    """The -wal file is there when asked whether it exists, gone when its size is read."""
    monkeypatch.setattr(
        Path, "exists", lambda self, **kw: self.name.endswith("-wal") or _real_exists(self)
    )

    def stat(self, **kwargs):
        if self.name.endswith("-wal"):
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return _real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)


def _real_exists(path: Path) -> bool:
    try:
        _real_stat(path)
    except OSError:
        return False
    return True


def test_a_wal_file_removed_while_opening_is_no_error(sample_path, monkeypatch):
    _wal_vanishes_between_looks(monkeypatch)
    with Project.open_readonly(sample_path) as project:
        assert project.store.counts()["cases"] == 12
    with Project.open(sample_path, backup=False) as project:
        assert project.store.counts()["cases"] == 12


OPEN_AND_CLOSE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workbench.errors import ProjectLockedError
    from workbench.project import Project
    stop = Path(sys.argv[2])
    print("ready", flush=True)
    while not stop.exists():
        try:
            Project.open(Path(sys.argv[1]), backup=False).close()  # makes and removes -wal
        except ProjectLockedError:
            pass
    """
)


def test_opening_while_another_process_opens_and_closes(sample_path, tmp_path):
    stop = tmp_path / "stop"
    other = subprocess.Popen(
        [sys.executable, "-c", OPEN_AND_CLOSE, str(sample_path), str(stop)],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout.readline().strip() == "ready"
    refused = []
    try:
        for _ in range(150):
            try:
                with Project.open_readonly(sample_path) as project:
                    assert project.store.counts()["cases"] == 12
            except WorkbenchError as exc:  # a sentence is fine; a raw OSError is not
                refused.append(str(exc))
    finally:
        stop.touch()
        assert other.wait(timeout=30) == 0
    assert len(refused) < 15, refused[:3]

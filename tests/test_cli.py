import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.project import Project
from workbench.storage.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent


def test_new_info_check(tmp_path, capsys):
    path = tmp_path / "study.mpw"
    assert main(["new", str(path), "--name", "My study"]) == 0
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "My study" in out and "Cases:     0" in out
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["counts"]["cases"] == 0
    assert info["framework"]["mechanisms"] == 14
    assert info["schema_version"] == SCHEMA_VERSION
    assert main(["check", str(path)]) == 0
    assert "The project is sound." in capsys.readouterr().out


def test_new_with_samples_and_json_check(tmp_path, capsys):
    path = tmp_path / "s.mpw"
    assert main(["new", str(path), "--samples"]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True


def test_check_finds_broken_references(sample_path, capsys):
    conn = sqlite3.connect(sample_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO evidence_link VALUES (99999, 1, 'deterrence')")
    conn.execute(
        "INSERT INTO actor (id, uid, name, category, north_south, guid) "
        "VALUES (999, 'lonely', 'Nobody', 'individual', 'north', "
        "'b0c5c1f6-5b1f-4c2e-9a57-3f0d1e9b7a11')"
    )
    conn.commit()
    conn.close()
    assert main(["check", str(sample_path)]) == 1
    out = capsys.readouterr().out
    assert "Foreign keys:  1 problem(s)" in out
    assert "Nobody" in out
    assert "The project has problems." in out


@pytest.mark.parametrize("content", [b"", b"hello", b"SQLite format 3\x00" + b"\x01" * 20])
def test_bad_files_exit_2_with_a_message(tmp_path, capsys, content):
    path = tmp_path / "bad.mpw"
    path.write_bytes(content)
    for command in (["info", str(path)], ["check", str(path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and str(path) in err
    assert path.read_bytes() == content


def test_new_refuses_an_existing_file(tmp_path, capsys):
    path = tmp_path / "a.mpw"
    path.write_text("keep me")
    assert main(["new", str(path)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert path.read_text() == "keep me"


def test_restore_lists_and_restores(tmp_path, capsys):
    from workbench.commands import AddCase

    path = tmp_path / "r.mpw"
    Project.create(path).close()
    with Project.open(path, wait_for_backup=True) as p:
        p.execute(AddCase("Will be undone by the restore"))
    assert main(["restore", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1. " in out and "--pick" in out
    assert main(["restore", str(path), "--pick", "5", "--yes"]) == 2
    assert main(["restore", str(path), "--pick", "1", "--yes"]) == 0
    assert "kept as a backup" in capsys.readouterr().out
    with Project.open(path, backup=False) as p:
        assert p.store.counts()["cases"] == 0


def test_console_script_runs_without_a_display(tmp_path):
    path = tmp_path / "x.mpw"
    exe = Path(sys.executable).with_name("workbench")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "workbench"]
    result = subprocess.run(
        [*command, "new", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [*command, "info", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert json.loads(result.stdout)["counts"]["cases"] == 0
    result = subprocess.run(
        [*command, "frobnicate"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_new_with_samples_takes_the_given_name(tmp_path, capsys):
    from workbench.cli import main

    target = tmp_path / "study.mpw"
    assert main(["new", str(target), "--samples", "--name", "My study"]) == 0
    assert main(["info", str(target), "--json"]) == 0
    assert '"name": "My study"' in capsys.readouterr().out


def test_import_refs_says_would_only_in_a_dry_run(tmp_path, capsys):
    from workbench.cli import main

    target = tmp_path / "study.mpw"
    assert main(["new", str(target)]) == 0
    refs = tmp_path / "one.bib"
    refs.write_text("@book{greenhill2010, title = {Weapons of Mass Migration}, year = {2010}}\n")
    capsys.readouterr()
    assert main(["import-refs", str(target), str(refs), "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert "would import  greenhill2010" in dry and "dry run" in dry
    assert main(["import-refs", str(target), str(refs)]) == 0
    real = capsys.readouterr().out
    assert "imported      greenhill2010" in real and "dry run" not in real
    assert main(["import-refs", str(target), str(refs)]) == 0  # nothing new: no "dry run"
    assert "dry run" not in capsys.readouterr().out

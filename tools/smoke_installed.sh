#!/usr/bin/env bash
# Smoke test of an installed copy of the application, run from outside the repository:
#   tools/smoke_installed.sh /path/to/workbench [/path/to/its/python]
# With a python, it also checks that the package it imports is the installed one.
set -euo pipefail
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }  # keeps venv links
exe="$(absolute "$1")"
python="${2:+$(absolute "$2")}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export QT_QPA_PLATFORM=offscreen
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" HOME="$work/home"
mkdir -p "$HOME"

if [[ -n "$python" ]]; then
    where="$("$python" -c 'import workbench, ui; print(workbench.__file__); print(ui.__file__)')"
    if grep -q "^$repo/" <<<"$where"; then
        echo "smoke: the package imported is the checkout's, not the installed one:" >&2
        echo "$where" >&2
        exit 1
    fi
fi

step() { echo "smoke: $*"; }
step "new --samples"; "$exe" new study.mpw --samples | grep -q "(12 cases)"
step "info"; "$exe" info study.mpw | grep -q "^Cases: *12$"
step "export-xlsx"; "$exe" export-xlsx study.mpw study.xlsx >/dev/null
test "$(head -c 2 study.xlsx)" = "PK"
step "chart (PNG and SVG)"
"$exe" chart study.mpw heatmap heatmap.png --size single >/dev/null
test "$(head -c 4 heatmap.png | tail -c 3)" = "PNG"
"$exe" chart study.mpw plane plane.svg >/dev/null
grep -q "<svg" plane.svg
step "desktop-entry"; "$exe" desktop-entry --install >/dev/null
test -f "$XDG_DATA_HOME/applications/migration-power-workbench.desktop"
"$exe" desktop-entry --uninstall >/dev/null
step "gui, offscreen, to its first idle moment"
ready="$("$exe" gui study.mpw --quit-when-ready 2>/dev/null)"
grep -q "(12 cases listed)" <<<"$ready" || { echo "smoke: $ready" >&2; exit 1; }
step "gui without a project opens the sample project"
"$exe" gui --quit-when-ready 2>/dev/null | grep -q "(12 cases listed)"
echo "smoke: all passed ($exe)"

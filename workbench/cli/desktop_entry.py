"""`workbench desktop-entry`: add the application to the desktop menu (Linux and other
freedesktop desktops), or remove it."""

from __future__ import annotations

import argparse

from workbench.cli.common import EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "desktop-entry", help="add the application to the desktop menu, or remove it"
    )
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--install", action="store_true", help="write the menu entry and icon")
    group.add_argument("--uninstall", action="store_true", help="remove what --install wrote")
    group.add_argument("--print", action="store_true", help="show the entry; write nothing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench import desktop_entry

    if args.print:
        print(desktop_entry.desktop_file_text(), end="")
    elif args.install:
        files = desktop_entry.install()
        print(f"Wrote {files.desktop}")
        print(f"Wrote {len(files.icons)} icons under {files.icons[0].parents[2]}")
        print(f"Starts: {desktop_entry.shell_command(desktop_entry.launcher())}")
    else:
        removed = desktop_entry.uninstall()
        if removed:
            for path in removed:
                print(f"Removed {path}")
        else:
            print("No menu entry was installed.")
    return EXIT_OK

"""The bundle's executable: the same `workbench` command as the installed wheel."""

import sys

from ui.entry import main

if __name__ == "__main__":
    sys.exit(main())

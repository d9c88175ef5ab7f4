"""Migration Power Workbench: the domain core.

Model, storage, import/export and analysis for comparative case studies of
migration power. Nothing in this package imports Qt, so everything here is
usable from scripts, from the command line and from tests without a screen.
"""

__version__ = "0.1.0"

"""Cross-case comparison charts (pyqtgraph), their figure export and headless rendering.

Imported only when the comparison view opens or `workbench chart` runs, so that
pyqtgraph stays out of the application's launch.
"""

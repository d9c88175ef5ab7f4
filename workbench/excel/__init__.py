"""Excel workbooks for co-authors: the export, its record of exported values, and the
guarded three-way reading of returned copies."""

"""Excel workbooks for co-authors (export now; reading their edits back builds on it)."""

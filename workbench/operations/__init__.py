"""Operations: the long pieces of work a user starts (exports, imports, comparisons).

Each operation is one function taking a project (or files) and a `Progress`
callback. The command line calls them directly; the desktop application runs
the same functions in a worker thread and shows their progress. Neither side
owns any of the work, so both behave the same.
"""

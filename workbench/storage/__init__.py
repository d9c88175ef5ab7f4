"""Storage: the project file's schema, connections, backups and all SQL."""

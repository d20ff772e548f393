"""A PostgreSQL backend that starts an embedded server on first connection (no DATABASE_URL)."""

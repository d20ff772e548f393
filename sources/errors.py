"""The domain error of ingestion: one input (or one part of it) could not be read or stored."""

from __future__ import annotations


class IngestError(Exception):
    """An input was refused; ``reason`` is a sentence for the user, ``where`` locates the part."""

    def __init__(self, reason: str, *, where: str = "") -> None:
        self.reason = reason
        self.where = where
        super().__init__(f"{where}: {reason}" if where else reason)


class FetchError(IngestError):
    """A URL could not be fetched (refused address, timeout, too large, HTTP error)."""

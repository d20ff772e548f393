"""Model fields shared by the apps."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
from django.db import models

# Big-endian float32, the byte order of PostgreSQL's float4send: a migration can turn a float
# array into this column in SQL alone (claims/migrations/0008).
_STORED = np.dtype(">f4")


class VectorField(models.BinaryField):
    """A float32 vector kept as bytea and read back as a numpy array in one step.

    A float8[] column's values are parsed number by number: loading 400 claims' 384-float
    vectors took ~140 ms that way, which made contradiction candidates and claim matching slow.
    """

    description = "A float32 vector"
    # What django-stubs reads for the attribute's type on model instances.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        """The stored bytes as a native float32 array."""
        if value is None:
            return None
        return np.frombuffer(bytes(value), dtype=_STORED).astype(np.float32)

    def to_python(self, value: Any) -> Any:
        """A vector from bytes (or their base64 text, as serializers write them) or numbers."""
        if value is None or isinstance(value, np.ndarray):
            return value
        if isinstance(value, str):
            value = base64.b64decode(value)
        if isinstance(value, bytes | bytearray | memoryview):
            return np.frombuffer(bytes(value), dtype=_STORED).astype(np.float32)
        return np.asarray(value, dtype=np.float32)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        """Bytes for the column, from an array or a list of numbers."""
        if value is None:
            return None
        if not isinstance(value, bytes | bytearray | memoryview):
            value = np.asarray(value, dtype=_STORED).tobytes()
        return super().get_db_prep_value(value, connection, prepared)

    def value_to_string(self, obj: models.Model) -> str:
        """Base64 of the stored bytes (what ``dumpdata`` writes and ``to_python`` reads)."""
        value = self.value_from_object(obj)
        if value is None:
            return ""
        return base64.b64encode(np.asarray(value, dtype=_STORED).tobytes()).decode("ascii")

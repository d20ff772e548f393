"""VectorField: float32 vectors stored as bytes and read back as numpy arrays."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection

from claims.models import Claim
from redline.fields import VectorField


@pytest.mark.django_db
def test_a_vector_round_trips_through_the_database_as_float32():
    values = [0.25, -1.5, 3.0e-7, 0.0]
    claim = Claim.objects.create(text="A statement.", embedding=values)
    stored = Claim.objects.get(pk=claim.pk).embedding
    assert isinstance(stored, np.ndarray)
    assert stored.dtype == np.float32
    assert np.array_equal(stored, np.asarray(values, dtype=np.float32))
    with connection.cursor() as cursor:
        cursor.execute("SELECT octet_length(embedding) FROM claims_claim WHERE id = %s", [claim.pk])
        assert cursor.fetchone()[0] == 4 * len(values)


@pytest.mark.django_db
def test_no_vector_stays_none_and_an_array_is_accepted():
    empty = Claim.objects.create(text="No vector yet.")
    assert Claim.objects.get(pk=empty.pk).embedding is None
    Claim.objects.filter(pk=empty.pk).update(embedding=np.array([1.0, 2.0], dtype=np.float64))
    stored = Claim.objects.get(pk=empty.pk).embedding
    assert stored is not None and stored.tolist() == [1.0, 2.0]


def test_serialized_text_reads_back():
    field = VectorField()
    field.attname = "embedding"
    claim = Claim(embedding=[0.5, -0.25])
    text = field.value_to_string(claim)
    assert field.to_python(text).tolist() == [0.5, -0.25]
    assert field.to_python(None) is None
    assert field.to_python([1, 2]).dtype == np.float32


@pytest.mark.django_db
def test_the_migration_turns_float_arrays_into_the_same_bytes():
    # What migration 0008 runs in SQL must give what VectorField writes in Python.
    values = [0.1, -2.75, 1e-3]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(float4send(x::float4), ''::bytea ORDER BY i) "
            "FROM unnest(%s::float8[]) WITH ORDINALITY AS u(x, i)",
            [values],
        )
        (converted,) = cursor.fetchone()
    assert bytes(converted) == np.asarray(values, dtype=">f4").tobytes()

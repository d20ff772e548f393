"""Claim.embedding from float8[] to float32 bytes (redline/fields.py): read back in one step."""

from django.db import migrations

import redline.fields

# float4send writes each number as big-endian float32, the layout VectorField reads.
TO_BYTES = """
UPDATE claims_claim SET vector = (
    SELECT string_agg(float4send(x::float4), ''::bytea ORDER BY i)
    FROM unnest(embedding) WITH ORDINALITY AS u(x, i)
) WHERE embedding IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0007_claim_sources_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="vector",
            field=redline.fields.VectorField(blank=True, null=True),
        ),
        # Going back is not exact in SQL (the bits are not reinterpreted as floats): vectors are
        # dropped instead and computed again from the claims' texts when next needed.
        migrations.RunSQL(TO_BYTES, reverse_sql="UPDATE claims_claim SET embedding = NULL"),
        migrations.RemoveField(model_name="claim", name="embedding"),
        migrations.RenameField(model_name="claim", old_name="vector", new_name="embedding"),
    ]

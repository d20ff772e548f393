"""Claim.sources_vector: the claim's source sentences as one vector on the claim row.

The dashboard searches claim texts and the sentences that report them. Matching sentences
through the mention index gave a claim id per matching mention, read from a 3-million-row
table (seconds for a common word at a million claims), and could not give the newest matches
first. With the sentences' vector on the claim row, both conditions are on one row: the list
index yields the newest matches in order, and ranking needs no recomputed vectors.

Who writes it: the database only.
- After any INSERT, UPDATE or DELETE on mentions, a statement trigger touches the claims whose
  sentences changed (new or removed mention, sentence, status or claim changed).
- A BEFORE trigger on claims recomputes the vector from the claim's non-rejected mentions on
  INSERT and when called from that mention trigger; a client's UPDATE keeps the stored value, so
  saving a Claim instance read before its mentions changed cannot write back a stale vector.
Neither fires under ``session_replication_role = replica`` (the benchmark loader fills the
column with one UPDATE after its COPY). The mention sentence index is no longer used by any
query and goes: it cost an index entry per mention on every write.

The fill reads every mention once (about 3 minutes at a million claims here); run
``VACUUM ANALYZE claims_claim`` afterwards on a large database.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

SOURCES = """(
    SELECT to_tsvector('english', string_agg(m.sentence, ' ' ORDER BY m.id))
      FROM claims_mention m
     WHERE m.claim_id = NEW.id AND m.status <> 'rejected'
)"""

FILL = """
SET LOCAL work_mem = '256MB';
ALTER TABLE claims_claim DISABLE TRIGGER claims_claim_search_vector_update;
UPDATE claims_claim c
   SET sources_vector = s.vector
  FROM (SELECT claim_id, to_tsvector('english', string_agg(sentence, ' ' ORDER BY id)) AS vector
          FROM claims_mention
         WHERE status <> 'rejected'
         GROUP BY claim_id) s
 WHERE c.id = s.claim_id;
ALTER TABLE claims_claim ENABLE TRIGGER claims_claim_search_vector_update;
"""

TRIGGERS = f"""
CREATE OR REPLACE FUNCTION claims_claim_sources_vector() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() < 2 THEN
        NEW.sources_vector := OLD.sources_vector;
    ELSE
        NEW.sources_vector := {SOURCES};
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_claim_sources_vector_update
    BEFORE INSERT OR UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_sources_vector();

CREATE OR REPLACE FUNCTION claims_mention_sources_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE claims_claim SET sources_vector = NULL
         WHERE id IN (SELECT claim_id FROM new_mentions);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE claims_claim SET sources_vector = NULL
         WHERE id IN (SELECT claim_id FROM old_mentions);
    ELSE
        UPDATE claims_claim SET sources_vector = NULL
         WHERE id IN (
             SELECT unnest(ARRAY[n.claim_id, o.claim_id])
               FROM new_mentions n JOIN old_mentions o ON o.id = n.id
              WHERE n.sentence IS DISTINCT FROM o.sentence
                 OR n.status IS DISTINCT FROM o.status
                 OR n.claim_id <> o.claim_id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_mention_sources_insert
    AFTER INSERT ON claims_mention REFERENCING NEW TABLE AS new_mentions
    FOR EACH STATEMENT EXECUTE FUNCTION claims_mention_sources_changed();
CREATE TRIGGER claims_mention_sources_update
    AFTER UPDATE ON claims_mention REFERENCING OLD TABLE AS old_mentions NEW TABLE AS new_mentions
    FOR EACH STATEMENT EXECUTE FUNCTION claims_mention_sources_changed();
CREATE TRIGGER claims_mention_sources_delete
    AFTER DELETE ON claims_mention REFERENCING OLD TABLE AS old_mentions
    FOR EACH STATEMENT EXECUTE FUNCTION claims_mention_sources_changed();
"""

DROP_TRIGGERS = """
DROP TRIGGER IF EXISTS claims_mention_sources_insert ON claims_mention;
DROP TRIGGER IF EXISTS claims_mention_sources_update ON claims_mention;
DROP TRIGGER IF EXISTS claims_mention_sources_delete ON claims_mention;
DROP FUNCTION IF EXISTS claims_mention_sources_changed();
DROP TRIGGER IF EXISTS claims_claim_sources_vector_update ON claims_claim;
DROP FUNCTION IF EXISTS claims_claim_sources_vector();
"""

SENTENCE_INDEX = """
CREATE INDEX IF NOT EXISTS mention_sentence_search
    ON claims_mention USING gin (to_tsvector('english', sentence));
"""


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0006_claim_api_list_and_opponent_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="sources_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        migrations.AddIndex(
            model_name="claim",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["sources_vector"], name="claim_sources_search"
            ),
        ),
        migrations.RunSQL("DROP INDEX IF EXISTS mention_sentence_search;", SENTENCE_INDEX),
    ]

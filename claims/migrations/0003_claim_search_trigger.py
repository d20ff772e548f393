"""Keep Claim.search_vector current in the database and index mention sentences for search.

A trigger fills ``search_vector`` from the claim text (weight A) and what the red line
concerns (weight B) on every insert/update, so every writer (pipeline, editors, admin, raw
updates) keeps it right. Mention sentences get an expression GIN index matching the
``to_tsvector('english', sentence)`` the dashboard search uses.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION claims_claim_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.text, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.red_line_about, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS claims_claim_search_vector_update ON claims_claim;
CREATE TRIGGER claims_claim_search_vector_update
    BEFORE INSERT OR UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector();

UPDATE claims_claim SET text = text;

CREATE INDEX IF NOT EXISTS mention_sentence_search
    ON claims_mention USING gin (to_tsvector('english', sentence));
"""

BACKWARD = """
DROP INDEX IF EXISTS mention_sentence_search;
DROP TRIGGER IF EXISTS claims_claim_search_vector_update ON claims_claim;
DROP FUNCTION IF EXISTS claims_claim_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_api_tokens_and_webhooks"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]

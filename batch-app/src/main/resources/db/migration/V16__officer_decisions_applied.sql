-- The nightly run applies the officers' decisions (docs/CONSOLE.md, "Decisions").

-- A reassessment or a refusal is a version of the declaration like a sender's replacement or cancellation, with
-- the same keys and postings, but made by a decision instead of a message: such a version names its decision and
-- no message. A refusal withdraws the declaration (nothing owed, like a cancellation) and says so in its status.
ALTER TABLE declaration_version ADD COLUMN decision_id BIGINT REFERENCES officer_decision (id);
ALTER TABLE declaration_version ALTER COLUMN file_id DROP NOT NULL;
ALTER TABLE declaration_version ALTER COLUMN msg_index DROP NOT NULL;
ALTER TABLE declaration_version DROP CONSTRAINT declaration_version_status_check;
ALTER TABLE declaration_version ADD CONSTRAINT declaration_version_status_check
    CHECK (status IN ('ACCEPTED', 'CANCELLED', 'REFUSED'));
ALTER TABLE declaration_version ADD CONSTRAINT declaration_version_source_check
    CHECK (CASE WHEN decision_id IS NULL THEN file_id IS NOT NULL AND msg_index IS NOT NULL
                ELSE file_id IS NULL AND msg_index IS NULL END);
CREATE UNIQUE INDEX declaration_version_decision ON declaration_version (decision_id) WHERE decision_id IS NOT NULL;

-- What applying a decision made: the version it added (a reassessment or a refusal; null for a release, which
-- the release step carries out) or why it could not be applied (the declaration was withdrawn before it).
ALTER TABLE officer_decision_applied ADD COLUMN version INT;
ALTER TABLE officer_decision_applied ADD COLUMN outcome TEXT NOT NULL DEFAULT 'APPLIED'
    CHECK (outcome IN ('APPLIED', 'NOT_APPLICABLE'));
ALTER TABLE officer_decision_applied ADD COLUMN detail TEXT;

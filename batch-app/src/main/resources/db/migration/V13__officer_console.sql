-- The officers' console (serve): their decisions, and the indexes its pages read by.

-- An officer's decision on a declaration in review. Never changed: a later decision on the same declaration
-- supersedes it. The declaration is named by sender and number (the identity a replacement keeps) and by the
-- message version the officer saw. Whether a decision was applied is recorded beside it
-- (officer_decision_applied), so this table stays insert-only.
CREATE TABLE officer_decision (
    id                  BIGSERIAL PRIMARY KEY,
    sender              TEXT NOT NULL,
    declaration_no      TEXT NOT NULL,
    file_id             BIGINT NOT NULL,
    msg_index           INT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('RELEASE', 'REASSESS', 'REFUSE')),
    hs_code             TEXT,
    customs_value       NUMERIC(20,3),
    quantity            NUMERIC(20,3),
    reason              TEXT NOT NULL CHECK (length(btrim(reason)) > 0),
    officer_subject     TEXT NOT NULL,
    officer_serial      TEXT NOT NULL,
    decided_at          TIMESTAMPTZ NOT NULL,
    -- a reassessment names what the officer corrected; the others correct nothing
    CHECK ((kind = 'REASSESS') = (hs_code IS NOT NULL OR customs_value IS NOT NULL OR quantity IS NOT NULL)),
    CHECK (customs_value IS NULL OR customs_value > 0),
    CHECK (quantity IS NULL OR quantity > 0),
    FOREIGN KEY (file_id, msg_index) REFERENCES declaration (file_id, msg_index)
);
CREATE INDEX officer_decision_declaration ON officer_decision (sender, declaration_no, id);

-- The nightly run's record of the decisions it applied (CUSRES, postings, release): one row per decision, never
-- changed. Nothing writes it yet; DecisionRepository.decisionsToApply() reads what it lacks.
CREATE TABLE officer_decision_applied (
    decision_id  BIGINT PRIMARY KEY REFERENCES officer_decision (id),
    run_id       BIGINT NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION officer_decision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'officer decisions are append-only: % on % refused (record a new decision instead)',
        TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER officer_decision_append_only BEFORE UPDATE OR DELETE ON officer_decision
    FOR EACH ROW EXECUTE FUNCTION officer_decision_append_only();
CREATE TRIGGER officer_decision_no_truncate BEFORE TRUNCATE ON officer_decision
    FOR EACH STATEMENT EXECUTE FUNCTION officer_decision_append_only();
CREATE TRIGGER officer_decision_applied_append_only BEFORE UPDATE OR DELETE ON officer_decision_applied
    FOR EACH ROW EXECUTE FUNCTION officer_decision_append_only();
CREATE TRIGGER officer_decision_applied_no_truncate BEFORE TRUNCATE ON officer_decision_applied
    FOR EACH STATEMENT EXECUTE FUNCTION officer_decision_append_only();
-- As every trigger function (V4): names resolve in this schema, never in pg_temp first.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION officer_decision_append_only() SET search_path = %I, pg_temp', current_schema());
END $$;

-- The review queue walks files oldest first and, in each file, its yellow and red accepted declarations: two
-- index scans joined in order, so a page costs the same on the first night as at a million declarations.
CREATE INDEX inbound_file_received ON inbound_file (received_at, id);
CREATE INDEX declaration_in_review ON declaration (file_id, msg_index)
    WHERE status = 'ACCEPTED' AND channel IN ('YELLOW', 'RED');
CREATE INDEX declaration_in_review_importer ON declaration (importer_code, file_id, msg_index)
    WHERE status = 'ACCEPTED' AND channel IN ('YELLOW', 'RED');
-- The exceptions page, newest first (the primary key backwards), by sender or code.
CREATE INDEX exception_item_sender ON exception_item (sender, file_id, msg_index, seq);
CREATE INDEX exception_item_code ON exception_item (code, file_id, msg_index, seq);

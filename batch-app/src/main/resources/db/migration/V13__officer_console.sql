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

-- The review queue: the accepted yellow and red declarations without a decision, kept by the triggers below as
-- declarations are stored and decided. Reading it from the declarations would mean skipping every declaration
-- decided before (a growing share, as officers work oldest first) on each page. Derived data, written only by
-- the triggers (as the owner): the application's role reads it.
CREATE TABLE review_queue (
    file_id         BIGINT NOT NULL,
    msg_index       INT NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    sender          TEXT NOT NULL,
    declaration_no  TEXT NOT NULL,
    importer_code   TEXT,
    channel         TEXT NOT NULL,
    PRIMARY KEY (file_id, msg_index)
);
CREATE INDEX review_queue_oldest ON review_queue (received_at, file_id, msg_index);
CREATE INDEX review_queue_importer ON review_queue (importer_code, received_at, file_id, msg_index);
CREATE INDEX review_queue_sender ON review_queue (sender, received_at, file_id, msg_index);
CREATE INDEX review_queue_declaration ON review_queue (sender, declaration_no);

-- Once per statement, from the statement's rows (as the other declaration trigger, V2): a chunk's COPY adds its
-- few yellow and red declarations in one INSERT.
CREATE FUNCTION review_queue_added() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
    -- An accepted replacement or cancellation (V10) takes the earlier versions of its number out of the queue.
    DELETE FROM review_queue q USING new_rows m
     WHERE m.status = 'ACCEPTED' AND m.message_function IN ('5', '1')
       AND q.sender = m.sender AND q.declaration_no = m.declaration_no;
    INSERT INTO review_queue (file_id, msg_index, received_at, sender, declaration_no, importer_code, channel)
    SELECT n.file_id, n.msg_index, f.received_at, n.sender, n.declaration_no, n.importer_code, n.channel
      FROM new_rows n JOIN inbound_file f ON f.id = n.file_id
     WHERE n.status = 'ACCEPTED' AND n.channel IN ('YELLOW', 'RED')
       AND NOT EXISTS (SELECT 1 FROM officer_decision o
                        WHERE o.sender = n.sender AND o.declaration_no = n.declaration_no)
       -- a version replaced or cancelled later in the same statement (one chunk) never enters the queue
       AND NOT EXISTS (SELECT 1 FROM new_rows m
                        WHERE m.status = 'ACCEPTED' AND m.message_function IN ('5', '1')
                          AND m.sender = n.sender AND m.declaration_no = n.declaration_no
                          AND (m.file_id, m.msg_index) > (n.file_id, n.msg_index));
    RETURN NULL;
END $$;
CREATE TRIGGER review_queue_added AFTER INSERT ON declaration REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION review_queue_added();

CREATE FUNCTION review_queue_decided() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM review_queue WHERE sender = NEW.sender AND declaration_no = NEW.declaration_no;
    RETURN NULL;
END $$;
CREATE TRIGGER review_queue_decided AFTER INSERT ON officer_decision
    FOR EACH ROW EXECUTE FUNCTION review_queue_decided();

-- The declarations stored before this migration.
INSERT INTO review_queue (file_id, msg_index, received_at, sender, declaration_no, importer_code, channel)
SELECT d.file_id, d.msg_index, f.received_at, d.sender, d.declaration_no, d.importer_code, d.channel
  FROM declaration d JOIN inbound_file f ON f.id = d.file_id
 WHERE d.status = 'ACCEPTED' AND d.channel IN ('YELLOW', 'RED')
   AND NOT EXISTS (SELECT 1 FROM declaration m
                    WHERE m.status = 'ACCEPTED' AND m.message_function IN ('5', '1')
                      AND m.sender = d.sender AND m.declaration_no = d.declaration_no
                      AND (m.file_id, m.msg_index) > (d.file_id, d.msg_index));

-- The triggers write the queue as the owner; names resolve in this schema only (V4's rule).
DO $$
DECLARE f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['review_queue_added', 'review_queue_decided'] LOOP
        EXECUTE format('ALTER FUNCTION %I() SECURITY DEFINER', f);
    END LOOP;
    FOREACH f IN ARRAY ARRAY['review_queue_added', 'review_queue_decided', 'officer_decision_append_only'] LOOP
        EXECUTE format('ALTER FUNCTION %I() SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END $$;

-- The exceptions page filters by the day a file was received.
CREATE INDEX inbound_file_received ON inbound_file (received_at, id);
-- The exceptions page, newest first (the primary key backwards), by sender or code.
CREATE INDEX exception_item_sender ON exception_item (sender, file_id, msg_index, seq);
CREATE INDEX exception_item_code ON exception_item (code, file_id, msg_index, seq);

-- The review queue's statement trigger (V13), with the same outcome: a version replaced or cancelled later in the
-- same statement is left out by joining each declaration to the last replacement of its number, taken once from
-- the statement's rows. V13 asked, for each yellow or red declaration, whether any later row replaced it; planned
-- as a nested loop over the statement's rows, that was a fifth to a third of the server's CPU on a customs night
-- (docs/PERFORMANCE.md, "What stops each goal").
CREATE OR REPLACE FUNCTION review_queue_added() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
    -- An accepted replacement or cancellation (V10) takes the earlier versions of its number out of the queue.
    DELETE FROM review_queue q USING new_rows m
     WHERE m.status = 'ACCEPTED' AND m.message_function IN ('5', '1')
       AND q.sender = m.sender AND q.declaration_no = m.declaration_no;
    WITH replaced AS MATERIALIZED (
        SELECT m.sender, m.declaration_no, max(ARRAY[m.file_id, m.msg_index::bigint]) AS last
          FROM new_rows m
         WHERE m.status = 'ACCEPTED' AND m.message_function IN ('5', '1')
         GROUP BY m.sender, m.declaration_no)
    INSERT INTO review_queue (file_id, msg_index, received_at, sender, declaration_no, importer_code, channel)
    SELECT n.file_id, n.msg_index, f.received_at, n.sender, n.declaration_no, n.importer_code, n.channel
      FROM new_rows n JOIN inbound_file f ON f.id = n.file_id
      LEFT JOIN replaced r ON r.sender = n.sender AND r.declaration_no = n.declaration_no
     WHERE n.status = 'ACCEPTED' AND n.channel IN ('YELLOW', 'RED')
       AND NOT EXISTS (SELECT 1 FROM officer_decision o
                        WHERE o.sender = n.sender AND o.declaration_no = n.declaration_no)
       -- a version replaced or cancelled later in the same statement (one chunk) never enters the queue
       AND (r.last IS NULL OR r.last <= ARRAY[n.file_id, n.msg_index::bigint]);
    RETURN NULL;
END $$;

-- CREATE OR REPLACE resets what V13 set: the owner's rights, names resolved in this schema only (V4's rule).
DO $$
BEGIN
    ALTER FUNCTION review_queue_added() SECURITY DEFINER;
    EXECUTE format('ALTER FUNCTION review_queue_added() SET search_path = %I, pg_temp', current_schema());
END $$;

-- Duty payments (docs/PAYMENTS.md): the banks' credit lines, what each did, and the open amount per declaration.

INSERT INTO ledger_account (code, name, kind) VALUES
    ('1010', 'Bank clearing (duty collections)', 'ASSET'),
    ('2150', 'Customs refunds payable (importers)', 'LIABILITY'),
    ('2900', 'Unidentified receipts (suspense)', 'LIABILITY');

-- A bank's credit, claimed once: the same transaction reported again (in the same file, another file, another
-- night) finds its row and is refused, never posted twice. Only posted credits are claimed, so a line refused
-- for its currency can be sent again, corrected, under the same reference.
CREATE TABLE bank_transaction (
    bank_sender      TEXT NOT NULL,
    transaction_ref  TEXT NOT NULL,
    file_id          BIGINT NOT NULL,
    msg_index        INT NOT NULL,
    line_index       INT NOT NULL,
    run_id           BIGINT NOT NULL,
    amount           NUMERIC(20,2) NOT NULL CHECK (amount > 0),
    value_date       DATE NOT NULL,
    entry_key        TEXT NOT NULL,
    PRIMARY KEY (bank_sender, transaction_ref)
);

-- What each credit line of a processed advice did: its matching case, the declaration it paid and where its
-- amount went (receivable 1100, refunds 2150, suspense 2900). One row per line, refused lines included.
CREATE TABLE payment_line (
    file_id            BIGINT NOT NULL,
    msg_index          INT NOT NULL,
    line_index         INT NOT NULL,
    run_id             BIGINT NOT NULL,
    bank_sender        TEXT NOT NULL,
    transaction_ref    TEXT,
    payment_reference  TEXT,
    amount             NUMERIC(20,2),
    currency           TEXT,
    value_date         DATE,
    outcome            TEXT NOT NULL CHECK (outcome IN ('EXACT', 'PARTIAL', 'OVERPAID', 'SUSPENSE', 'REFUND',
                                                        'REFUSED')),
    code               TEXT,             -- the reported code (PaymentCode, or the reader's); null for exact, partial
    sender             TEXT,             -- the declaration paid (its sender and number), null in suspense
    declaration_no     TEXT,
    applied            NUMERIC(20,2) NOT NULL DEFAULT 0 CHECK (applied >= 0),
    refund             NUMERIC(20,2) NOT NULL DEFAULT 0 CHECK (refund >= 0),
    suspense           NUMERIC(20,2) NOT NULL DEFAULT 0 CHECK (suspense >= 0),
    entry_key          TEXT,             -- the posting, null for a refused line
    PRIMARY KEY (file_id, msg_index, line_index),
    CHECK ((outcome = 'REFUSED') = (entry_key IS NULL))
);
CREATE INDEX payment_line_declaration ON payment_line (sender, declaration_no) WHERE sender IS NOT NULL;
CREATE INDEX payment_line_run ON payment_line (run_id);

-- The credit balance of a declaration whose tax fell below what was paid (a replacement, a cancellation), moved
-- from the receivable to the refunds payable: at most once per version, so a restarted step cannot move it twice.
CREATE TABLE receivable_refund (
    sender          TEXT NOT NULL,
    declaration_no  TEXT NOT NULL,
    version         INT NOT NULL,
    run_id          BIGINT NOT NULL,
    amount          NUMERIC(20,2) NOT NULL CHECK (amount > 0),
    entry_key       TEXT NOT NULL,
    PRIMARY KEY (sender, declaration_no, version)
);

CREATE TRIGGER bank_transaction_append_only BEFORE UPDATE OR DELETE ON bank_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER bank_transaction_no_truncate BEFORE TRUNCATE ON bank_transaction
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER payment_line_append_only BEFORE UPDATE OR DELETE ON payment_line
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER payment_line_no_truncate BEFORE TRUNCATE ON payment_line
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER receivable_refund_append_only BEFORE UPDATE OR DELETE ON receivable_refund
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER receivable_refund_no_truncate BEFORE TRUNCATE ON receivable_refund
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- The open amount per accepted declaration number, from its current version: tax_due (0 once cancelled or
-- refused by an officer), paid (payments applied to the receivable, less what was moved to refunds), refund_due
-- (overpayments and moved credit balances), open_amount (never below 0). file_id and msg_index are the original's
-- (its payment number). Once the payments step has moved every credit balance, the 1100 balance equals
-- SUM(open_amount).
CREATE VIEW declaration_receivable AS
SELECT n.sender, n.declaration_no, c.importer_code, n.file_id, n.msg_index,
       c.version, c.cancelled, c.channel, c.tax_due,
       COALESCE(p.applied, 0) - COALESCE(r.moved, 0) AS paid,
       COALESCE(p.refund, 0) + COALESCE(r.moved, 0) AS refund_due,
       GREATEST(c.tax_due - (COALESCE(p.applied, 0) - COALESCE(r.moved, 0)), 0) AS open_amount
  FROM declaration_number n
  JOIN declaration d ON d.file_id = n.file_id AND d.msg_index = n.msg_index
  LEFT JOIN LATERAL (SELECT x.version, x.status, x.importer_code, x.channel, x.duty_krw, x.vat_krw
                       FROM declaration_version x
                      WHERE x.sender = n.sender AND x.declaration_no = n.declaration_no
                      ORDER BY x.version DESC LIMIT 1) v ON TRUE
  CROSS JOIN LATERAL (SELECT COALESCE(v.version, 1) AS version,
                             COALESCE(v.status IN ('CANCELLED', 'REFUSED'), FALSE) AS cancelled,
                             COALESCE(v.importer_code, d.importer_code) AS importer_code,
                             COALESCE(v.channel, d.channel) AS channel,
                             CASE WHEN v.status IN ('CANCELLED', 'REFUSED') THEN 0
                                  WHEN v.version IS NOT NULL THEN v.duty_krw + v.vat_krw
                                  ELSE COALESCE(d.duty_krw, 0) + COALESCE(d.vat_krw, 0) END AS tax_due) c
  LEFT JOIN (SELECT sender, declaration_no, SUM(applied) AS applied, SUM(refund) AS refund
               FROM payment_line WHERE sender IS NOT NULL GROUP BY sender, declaration_no) p
         ON p.sender = n.sender AND p.declaration_no = n.declaration_no
  LEFT JOIN (SELECT sender, declaration_no, SUM(amount) AS moved
               FROM receivable_refund GROUP BY sender, declaration_no) r
         ON r.sender = n.sender AND r.declaration_no = n.declaration_no;

-- Payment terms, release and receivables (issue 19). Reference data: the dated payment terms (days from
-- acceptance to the due date) and late-payment rates, loaded like the other data sets; the party registry's
-- monthly-payment approval.
CREATE TABLE ref_payment_terms (
    valid_from             DATE NOT NULL PRIMARY KEY,
    valid_to               DATE NOT NULL,
    days_after_acceptance  INT NOT NULL CHECK (days_after_acceptance >= 0),
    description            TEXT NOT NULL
);
CREATE TABLE ref_late_payment_rate (
    valid_from   DATE NOT NULL PRIMARY KEY,
    valid_to     DATE NOT NULL,
    once_pct     NUMERIC(9,4) NOT NULL CHECK (once_pct >= 0),
    daily_pct    NUMERIC(9,4) NOT NULL CHECK (daily_pct >= 0),
    description  TEXT NOT NULL
);
ALTER TABLE ref_party ADD COLUMN monthly_payment BOOLEAN NOT NULL DEFAULT FALSE;

-- A declaration's release (its goods may leave), once: the key is the declaration's identity (sender + number,
-- which a replacement keeps). Never changed; a released declaration is closed to replacement and cancellation
-- (C174). basis: PAID (tax paid in full) or MONTHLY (importer on monthly payment); decision_id: the officer's
-- release of a yellow or red declaration, null for a green one. file_id/msg_index: the version released.
CREATE TABLE declaration_release (
    sender          TEXT NOT NULL,
    declaration_no  TEXT NOT NULL,
    file_id         BIGINT NOT NULL,
    msg_index       INT NOT NULL,
    importer_code   TEXT,
    channel         TEXT NOT NULL,
    basis           TEXT NOT NULL CHECK (basis IN ('PAID', 'MONTHLY')),
    decision_id     BIGINT,
    tax_due         NUMERIC(20,0) NOT NULL,
    run_id          BIGINT NOT NULL,
    released_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sender, declaration_no)
);
CREATE INDEX declaration_release_run ON declaration_release (run_id, sender);

-- The release notices written: per run and sender, one CUSRES interchange for the releases of declarations it sent
-- in EDIFACT, one XML answer for those it sent in XML. Recorded means sent, so a resumed run writes only the
-- notices still missing.
CREATE TABLE release_notice (
    run_id     BIGINT NOT NULL,
    sender     TEXT NOT NULL,
    format     TEXT NOT NULL CHECK (format IN ('EDIFACT', 'XML')),
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    PRIMARY KEY (run_id, sender, format)
);

-- A monthly statement of an importer on monthly payment: the month's declarations and their tax, due at the
-- month's end. Written once per importer and month, by the first run after the month ended.
CREATE TABLE monthly_statement (
    importer_code   TEXT NOT NULL,
    month           DATE NOT NULL CHECK (EXTRACT(DAY FROM month) = 1),
    party_id        TEXT NOT NULL,
    declarations    INT NOT NULL,
    total_tax       NUMERIC(20,0) NOT NULL,
    due_date        DATE NOT NULL,
    run_id          BIGINT NOT NULL,
    path            TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    PRIMARY KEY (importer_code, month)
);

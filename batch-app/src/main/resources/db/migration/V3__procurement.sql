-- Public e-procurement (DOMAIN.md section 2): tenders, sealed bids, receipts, openings, awards.
-- Bid files are registered in inbound_file like customs files (format XML or EDIFACT), so reports, archive
-- and quarantine work the same; exception_item rows use categories TENDER, BID and OPENING.

CREATE TABLE ref_lower_limit_rate (
    contract_kind   TEXT NOT NULL,
    min_amount_krw  NUMERIC(20,0) NOT NULL,
    max_amount_krw  NUMERIC(20,0) NOT NULL,
    valid_from      DATE NOT NULL,
    valid_to        DATE NOT NULL,
    rate_pct        NUMERIC(7,3) NOT NULL,
    PRIMARY KEY (contract_kind, min_amount_krw, valid_from)
);
CREATE TABLE ref_vendor (
    vendor_id      TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    brn            TEXT NOT NULL UNIQUE,
    status         TEXT NOT NULL,             -- ACTIVE, DEBARRED
    debarred_from  DATE,
    debarred_to    DATE,
    valid_from     DATE NOT NULL
);

CREATE TABLE tender (
    tender_id         TEXT PRIMARY KEY,
    run_id            BIGINT NOT NULL,
    file_name         TEXT NOT NULL,
    file_sha256       TEXT NOT NULL,
    agency_id         TEXT NOT NULL,
    title             TEXT NOT NULL,
    contract_kind     TEXT NOT NULL,
    issue_date        DATE NOT NULL,
    base_amount       NUMERIC(20,0) NOT NULL CHECK (base_amount > 0),
    range_pct         NUMERIC(4,1) NOT NULL CHECK (range_pct IN (2, 3)),
    bid_deadline      TIMESTAMPTZ NOT NULL,
    opening_time      TIMESTAMPTZ NOT NULL CHECK (opening_time >= bid_deadline),
    lower_limit_rate  NUMERIC(7,3) NOT NULL,
    draw_seed         TEXT NOT NULL,          -- recorded so that the draw can be replayed and audited
    status            TEXT NOT NULL,          -- OPEN, OPENED
    loaded_at         TIMESTAMPTZ NOT NULL
);

-- One row per bid file that could be read; the sealed price is kept exactly as received (CMS
-- AuthEnvelopedData ciphertext). Nothing here holds the price in clear: it exists only in bid_opening.
CREATE TABLE bid (
    id             BIGSERIAL PRIMARY KEY,
    file_id        BIGINT NOT NULL UNIQUE REFERENCES inbound_file(id),
    run_id         BIGINT NOT NULL,
    format         TEXT NOT NULL,             -- XML, EDIFACT
    tender_id      TEXT NOT NULL,             -- as stated by the bidder: may name no tender
    bidder_id      TEXT NOT NULL,
    bid_ref        TEXT NOT NULL,
    edi_control_ref TEXT,
    pick1          INT,
    pick2          INT,
    sealed_price   BYTEA,
    file_sha256    TEXT NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL,
    status         TEXT NOT NULL,             -- RECEIVED, REJECTED
    reason_code    TEXT,
    reason_text    TEXT
);
-- The earlier bid of a vendor stands; a later one is rejected (B50), and this index makes that a database fact.
CREATE UNIQUE INDEX bid_one_per_vendor ON bid (tender_id, bidder_id) WHERE status = 'RECEIVED';

CREATE TABLE bid_receipt (
    bid_id       BIGINT PRIMARY KEY REFERENCES bid(id),
    receipt_no   TEXT UNIQUE,                 -- null for a rejected bid
    file_sha256  TEXT NOT NULL,
    issued_at    TIMESTAMPTZ NOT NULL,
    answer_path  TEXT,
    answer_sha256 TEXT
);

CREATE TABLE tender_draw (
    tender_id   TEXT NOT NULL REFERENCES tender(tender_id),
    band        INT NOT NULL CHECK (band BETWEEN 1 AND 15),
    price       NUMERIC(20,0) NOT NULL,
    picks       INT NOT NULL,
    chosen      BOOLEAN NOT NULL,             -- one of the four averaged into the reserve price
    PRIMARY KEY (tender_id, band)
);

CREATE TABLE bid_opening (
    bid_id       BIGINT PRIMARY KEY REFERENCES bid(id),
    tender_id    TEXT NOT NULL REFERENCES tender(tender_id),
    outcome      TEXT NOT NULL,               -- ELIGIBLE, BELOW_LOWER_LIMIT, ABOVE_RESERVE, UNOPENABLE
    reason_code  TEXT,
    price        NUMERIC(20,0),               -- null when the seal could not be opened
    rank         INT,                         -- 1 = winner; null unless eligible
    run_id       BIGINT NOT NULL
);

CREATE TABLE award (
    tender_id          TEXT PRIMARY KEY REFERENCES tender(tender_id),
    run_id             BIGINT NOT NULL,
    opened_at          TIMESTAMPTZ NOT NULL,
    reserve_price      NUMERIC(20,0) NOT NULL,
    lower_limit_amount NUMERIC(26,5) NOT NULL,   -- reserve (whole won) x rate (3 decimals) / 100: exact at 5
    result             TEXT NOT NULL,         -- AWARDED, NO_ELIGIBLE_BID
    winner_bid_id      BIGINT REFERENCES bid(id),
    winner_vendor_id   TEXT,
    award_amount       NUMERIC(20,0),
    journal_key        TEXT
);

CREATE TABLE award_notice (
    tender_id   TEXT NOT NULL REFERENCES tender(tender_id),
    bidder_id   TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    PRIMARY KEY (tender_id, bidder_id)
);

INSERT INTO ledger_account (code, name, kind) VALUES
    ('5300', 'Procurement budget commitments (agencies)', 'EXPENSE'),
    ('2300', 'Contracts payable (vendors)', 'LIABILITY');

-- Qualification review and failed tenders (DOMAIN.md section 6): dated review rules and vendors' non-price
-- points, each screened candidate's score, and the failure of a tender with its re-tender id.

CREATE TABLE ref_qualification_rule (
    contract_kind     TEXT NOT NULL,
    min_amount_krw    NUMERIC(20,0) NOT NULL,
    max_amount_krw    NUMERIC(20,0) NOT NULL,
    valid_from        DATE NOT NULL,
    valid_to          DATE NOT NULL,
    price_points      NUMERIC(6,2) NOT NULL,
    slope             NUMERIC(6,2) NOT NULL,
    target_ratio_pct  NUMERIC(7,3) NOT NULL,
    pass_mark         NUMERIC(6,2) NOT NULL,
    PRIMARY KEY (contract_kind, min_amount_krw, valid_from)
);
CREATE TABLE ref_vendor_qualification (
    vendor_id         TEXT NOT NULL,
    contract_kind     TEXT NOT NULL,
    valid_from        DATE NOT NULL,
    valid_to          DATE NOT NULL,
    non_price_points  NUMERIC(6,2) NOT NULL,
    PRIMARY KEY (vendor_id, contract_kind, valid_from)
);

-- the score of a candidate that was screened; candidates after the one that passed are not screened
ALTER TABLE bid_opening ADD COLUMN review TEXT;                     -- PASSED, FAILED, null = not screened
ALTER TABLE bid_opening ADD COLUMN non_price_points NUMERIC(6,2);
ALTER TABLE bid_opening ADD COLUMN price_points NUMERIC(12,4);
ALTER TABLE bid_opening ADD COLUMN score NUMERIC(12,4);

-- result AWARDED or FAILED (유찰); fail_code F10/F11/F12; the rule's pass mark; the re-tender's id when failed
ALTER TABLE award ADD COLUMN fail_code TEXT;
ALTER TABLE award ADD COLUMN pass_mark NUMERIC(6,2);
ALTER TABLE award ADD COLUMN retender_id TEXT;
UPDATE award SET result = 'FAILED', fail_code = 'F11' WHERE result = 'NO_ELIGIBLE_BID';

-- what was written for a failed tender: the unsigned re-tender notice in the agency's outbox
CREATE TABLE retender_notice (
    tender_id    TEXT PRIMARY KEY REFERENCES tender(tender_id),
    retender_id  TEXT NOT NULL UNIQUE,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL
);

-- Digital verification outcome per inbound file (see signature package).
ALTER TABLE inbound_file
    ADD COLUMN signature_path  TEXT,
    ADD COLUMN sig_form        TEXT,          -- DETACHED (.p7s), ATTACHED (.p7m), NONE
    ADD COLUMN sig_status      TEXT,          -- PASSED, FAILED, INDETERMINATE, NOT_REQUIRED
    ADD COLUMN sig_reason      TEXT,          -- SubReason
    ADD COLUMN sig_detail      TEXT,
    ADD COLUMN signer_subject  TEXT,
    ADD COLUMN signer_brn      TEXT;

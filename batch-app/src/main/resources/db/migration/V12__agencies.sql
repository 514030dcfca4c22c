-- Contracting agencies (reference data set agencies): a tender notice is loaded only when signed by a
-- certificate carrying its agency's registration number.
CREATE TABLE ref_agency (
    agency_id   TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    brn         TEXT NOT NULL UNIQUE,
    valid_from  DATE NOT NULL
);

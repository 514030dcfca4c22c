-- Per-partner answer profile (reference data set partner-profiles, see ReferenceDataLoader): a partner without
-- a row is answered in its own syntax identifier and version, with a CONTRL for every interchange, and an XML
-- batch with an XML response.
CREATE TABLE ref_partner_profile (
    edi_id           TEXT PRIMARY KEY,
    answer_syntax    TEXT,
    positive_contrl  BOOLEAN NOT NULL,
    xml_answer       TEXT NOT NULL CHECK (xml_answer IN ('XML', 'EDIFACT')),
    valid_from       DATE NOT NULL
);

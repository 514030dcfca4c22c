-- The award notices read a tender's openings: without this index each tender scanned every opening of every
-- tender, so a night of 1,000 tenders and 50,000 bids read 50 million rows (docs/PERFORMANCE.md, "Procurement").
CREATE INDEX bid_opening_tender ON bid_opening (tender_id);

package org.edibatch.ledger;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The content digest's canonical form and the per-entry checks, without a database. */
class LedgerCheckTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    private static JournalEntry entry(String description, String amount) {
        BigDecimal a = new BigDecimal(amount);
        return new JournalEntry("CUSDEC:S:1", "CUSTOMS", DAY, description, "S/1",
                List.of(JournalLine.debit("1100", "P1", a), JournalLine.credit("4100", null, a)));
    }

    private static PostedEntry posted(JournalEntry e, long id, byte[] stored, String debit, String credit) {
        return new PostedEntry(id, e.idempotencyKey(), e.ledger(), e.entryDate(), e.description(), e.sourceRef(), 1,
                stored, List.of(new PostedEntry.Line(1, "1100", "P1", new BigDecimal(debit), BigDecimal.ZERO),
                new PostedEntry.Line(2, "4100", null, BigDecimal.ZERO, new BigDecimal(credit))));
    }

    @Test
    void theDigestOfWhatWasPostedEqualsTheDigestOfWhatTheColumnsGiveBack() {
        JournalEntry e = entry("import", "1000");
        byte[] posted = new EntryDigest().of(e, 1);
        Findings findings = new Findings(5);
        // NUMERIC(20,2) gives 1000.00 back for the writer's 1000
        new LedgerCheck(EntryDigest.GENESIS, findings).add(posted(e, 1, posted, "1000.00", "1000.00"));
        assertThat(findings.count()).isZero();
    }

    @Test
    void valuesCannotBeShiftedFromOneFieldToTheNext() {
        EntryDigest d = new EntryDigest();
        byte[] a = d.entry("K", "CUSTOMS", DAY, "ab", "c", 1).digest();
        byte[] b = d.entry("K", "CUSTOMS", DAY, "a", "bc", 1).digest();
        byte[] nullParty = d.entry("K", "CUSTOMS", DAY, "a", "b", 1)
                .line(1, "1100", null, BigDecimal.ONE, BigDecimal.ZERO).digest();
        byte[] emptyParty = d.entry("K", "CUSTOMS", DAY, "a", "b", 1)
                .line(1, "1100", "", BigDecimal.ONE, BigDecimal.ZERO).digest();
        assertThat(a).isNotEqualTo(b);
        assertThat(nullParty).isNotEqualTo(emptyParty);
    }

    @Test
    void anAlteredOrUnbalancedEntryIsReportedAndTheChainDependsOnEveryEntry() {
        JournalEntry e = entry("import", "1000");
        byte[] stored = new EntryDigest().of(e, 1);
        Findings findings = new Findings(5);
        LedgerCheck check = new LedgerCheck(EntryDigest.GENESIS, findings);
        check.add(posted(e, 1, stored, "1001", "1000"));
        assertThat(findings.first()).containsExactly(
                "entry 1 (CUSDEC:S:1, run 1): not balanced: debits 1001, credits 1000",
                "entry 1 (CUSDEC:S:1, run 1): its fields or lines are not those it was posted with");
        assertThat(check.totals().accounts(1).get("1100").debit()).isEqualByComparingTo("1001");

        LedgerCheck one = new LedgerCheck(EntryDigest.GENESIS, new Findings(5));
        one.add(posted(e, 1, stored, "1000", "1000"));
        LedgerCheck two = new LedgerCheck(EntryDigest.GENESIS, new Findings(5));
        two.add(posted(e, 1, stored, "1000", "1000"));
        two.add(posted(e, 2, stored, "1000", "1000"));
        assertThat(two.chain()).isNotEqualTo(one.chain());
        assertThat(two.chain()).isEqualTo(new EntryDigest().chain(one.chain(), stored));
    }

    @Test
    void anEntryWithoutLinesIsReported() {
        Findings findings = new Findings(5);
        new LedgerCheck(EntryDigest.GENESIS, findings).add(new PostedEntry(9, "K", "CUSTOMS", DAY, "d", "s", 3, null,
                List.of()));
        assertThat(findings.first()).containsExactly("entry 9 (K, run 3): no lines");
    }
}

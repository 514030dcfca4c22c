package org.edibatch.ledger;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Checks journal entries one at a time, in id order: each is balanced and has lines, and its content, recomputed
 * from its fields and lines, is what it was posted with; it carries the hash chain on and counts the entry into
 * its run's totals. Plain Java: the seal step and verify-ledger feed it from one streaming query.
 */
public final class LedgerCheck {

    private final EntryDigest digest = new EntryDigest();
    private final Findings findings;
    private final LedgerTotals totals = new LedgerTotals();
    private byte[] chain;
    private long entries;

    public LedgerCheck(byte[] chainBefore, Findings findings) {
        this.chain = chainBefore.clone();
        this.findings = findings;
    }

    public void add(PostedEntry e) {
        entries++;
        digest.entry(e.idempotencyKey(), e.ledger(), e.entryDate(), e.description(), e.sourceRef(), e.runId());
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        for (PostedEntry.Line l : e.lines()) {
            digest.line(l.lineNo(), l.accountCode(), l.partyId(), l.debit(), l.credit());
            debits = debits.add(l.debit());
            credits = credits.add(l.credit());
            totals.addLines(e.runId(), l.accountCode(), 1, l.debit(), l.credit());
        }
        byte[] content = digest.digest();
        totals.addEntries(e.runId(), 1);
        if (e.lines().isEmpty()) {
            findings.add(e.label() + ": no lines");
        } else if (debits.compareTo(credits) != 0) {
            findings.add(e.label() + ": not balanced: debits " + debits.toPlainString() + ", credits "
                    + credits.toPlainString());
        }
        if (e.storedDigest() != null && !Arrays.equals(e.storedDigest(), content)) {
            findings.add(e.label() + ": its fields or lines are not those it was posted with");
        }
        // The chain takes the content as it was posted when recorded, so that an entry altered after posting is
        // reported once (above), not again by every seal after it.
        chain = digest.chain(chain, e.storedDigest() != null ? e.storedDigest() : content);
    }

    public byte[] chain() {
        return chain.clone();
    }

    /** Continues from a recorded chain value (verify-ledger, after reporting a seal whose head differs). */
    public void chainFrom(byte[] value) {
        chain = value.clone();
    }

    public long entries() {
        return entries;
    }

    public LedgerTotals totals() {
        return totals;
    }
}

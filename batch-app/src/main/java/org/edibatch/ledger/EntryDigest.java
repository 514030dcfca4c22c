package org.edibatch.ledger;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;

/**
 * The hash chain's two digests. An entry's content digest is SHA-256 over its fields and its lines in a canonical
 * form: each value as UTF-8 after its byte length (4 bytes, big-endian; -1 for null), so no two different entries
 * give the same bytes; amounts in plain form without trailing zeros, so 1000, 1000.00 and the column's 1000.00
 * are one value. The chain value of an entry is SHA-256(previous chain value || its content digest).
 */
public final class EntryDigest {

    /** The chain value before the first entry. */
    public static final byte[] GENESIS = new byte[32];

    private final MessageDigest sha = sha256();
    private final ByteBuffer length = ByteBuffer.allocate(4);

    /** Starts an entry: its fields, then {@link #line} for each line in line order, then {@link #digest}. */
    public EntryDigest entry(String idempotencyKey, String ledger, LocalDate entryDate, String description,
                             String sourceRef, long runId) {
        sha.reset();
        text(idempotencyKey);
        text(ledger);
        text(entryDate == null ? null : entryDate.toString());
        text(description);
        text(sourceRef);
        text(Long.toString(runId));
        return this;
    }

    public EntryDigest line(int lineNo, String accountCode, String partyId, BigDecimal debit, BigDecimal credit) {
        text(Integer.toString(lineNo));
        text(accountCode);
        text(partyId);
        text(amount(debit));
        text(amount(credit));
        return this;
    }

    public byte[] digest() {
        return sha.digest();
    }

    /** The content digest of an entry about to be posted, its lines numbered from 1 as the writer numbers them. */
    public byte[] of(JournalEntry e, long runId) {
        entry(e.idempotencyKey(), e.ledger(), e.entryDate(), e.description(), e.sourceRef(), runId);
        int n = 1;
        for (JournalLine l : e.lines()) {
            line(n++, l.accountCode(), l.partyId(), l.debit(), l.credit());
        }
        return digest();
    }

    /** The next chain value. */
    public byte[] chain(byte[] previous, byte[] contentDigest) {
        sha.reset();
        sha.update(previous);
        sha.update(contentDigest);
        return sha.digest();
    }

    static String amount(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().toPlainString();
    }

    private void text(String v) {
        length.clear();
        if (v == null) {
            sha.update(length.putInt(-1).array());
            return;
        }
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        sha.update(length.putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

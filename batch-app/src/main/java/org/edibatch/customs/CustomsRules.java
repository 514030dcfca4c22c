package org.edibatch.customs;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The customs decision for one mapped declaration: checks, then tax assessment and cargo selectivity. An instance
 * serves one thread at a time (each customs worker has its own).
 */
public final class CustomsRules {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private final DeclarationChecks checks;
    private final TaxCalculator tax;
    private final SelectivityEngine selectivity;
    /** One per instance: each worker has its own rules, and the provider lookup of getInstance costs per call. */
    private final MessageDigest sha = sha256();

    public CustomsRules(DeclarationChecks checks, TaxCalculator tax, SelectivityEngine selectivity) {
        this.checks = checks;
        this.tax = tax;
        this.selectivity = selectivity;
    }

    /**
     * Amounts in won from this on are refused (C160): the syntax lets a sender write 18 digits in any currency,
     * which in won outgrows the declaration's and the ledger's columns (NUMERIC(20,0), NUMERIC(20,2)); stored,
     * it would fail its chunk and every night after it. Ten quadrillion won is beyond any real declaration.
     */
    static final BigDecimal MAX_WON = new BigDecimal("1E16");

    public DeclarationOutcome decide(Declaration d, List<ContentError> mappingErrors) {
        return decide(d, mappingErrors, false);
    }

    /** Exports carry no duty and are zero-rated for VAT, but are checked, valued and selected like imports. */
    public DeclarationOutcome decideExport(Declaration d, List<ContentError> mappingErrors) {
        return decide(d, mappingErrors, true);
    }

    /** The version's acceptance number (see {@link #acceptanceNo(Declaration, int, MessageDigest)}). */
    String acceptanceNo(Declaration d, int version) {
        return acceptanceNo(d, version, sha);
    }

    /** Decides an export or an import: an amendment is decided again at its original's date with it. */
    DeclarationOutcome decide(Declaration d, boolean export) {
        return decide(d, List.of(), export);
    }

    private DeclarationOutcome decide(Declaration d, List<ContentError> mappingErrors, boolean export) {
        List<ContentError> errors = new ArrayList<>(mappingErrors);
        errors.addAll(checks.check(d));
        if (!errors.isEmpty()) {
            return DeclarationOutcome.rejected(d, errors);
        }
        Assessment assessment = export ? tax.assessExport(d) : tax.assess(d);
        if (assessment.customsValue().compareTo(MAX_WON) >= 0 || assessment.totalTax().compareTo(MAX_WON) >= 0) {
            return DeclarationOutcome.rejected(d, List.of(new ContentError(CustomsErrorCode.AMOUNT_OUT_OF_RANGE,
                    "header MOA+39", "customs value " + assessment.customsValue().toPlainString() + " KRW")));
        }
        Selection selection = selectivity.select(d, assessment);
        return new DeclarationOutcome(DeclarationOutcome.Status.ACCEPTED, d, List.of(), assessment, selection,
                acceptanceNo(d, sha));
    }

    /**
     * Derived from the declaration's identity, not from a database sequence, so that a run interrupted and
     * resumed answers exactly what an uninterrupted run answers.
     */
    static String acceptanceNo(Declaration d) {
        return acceptanceNo(d, sha256());
    }

    /** @param sha a digest this thread may use (reset by {@code digest}) */
    static String acceptanceNo(Declaration d, MessageDigest sha) {
        return acceptanceNo(d, 1, sha);
    }

    /**
     * The acceptance number of a declaration's version: version 1 keeps the number originals always had, a later
     * version gets its own, derived from the version as well.
     */
    static String acceptanceNo(Declaration d, int version, MessageDigest sha) {
        String identity = d.sender() + "|" + d.declarationNo() + (version == 1 ? "" : "|v" + version);
        byte[] h = sha.digest(identity.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (h[i] & 0xFF);
        }
        // "%08d" by hand: String.format parses its pattern with a regular expression on every call
        String digits = Long.toString(v % 100_000_000L);
        return "KCS" + YYMMDD.format(d.date()) + "00000000".substring(digits.length()) + digits;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

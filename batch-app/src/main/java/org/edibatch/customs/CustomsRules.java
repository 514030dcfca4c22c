package org.edibatch.customs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The customs decision for one mapped declaration: checks, then tax assessment and cargo selectivity. */
public final class CustomsRules {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private final DeclarationChecks checks;
    private final TaxCalculator tax;
    private final SelectivityEngine selectivity;

    public CustomsRules(DeclarationChecks checks, TaxCalculator tax, SelectivityEngine selectivity) {
        this.checks = checks;
        this.tax = tax;
        this.selectivity = selectivity;
    }

    public DeclarationOutcome decide(Declaration d, List<ContentError> mappingErrors) {
        return decide(d, mappingErrors, false);
    }

    /** Exports carry no duty and are zero-rated for VAT, but are checked, valued and selected like imports. */
    public DeclarationOutcome decideExport(Declaration d, List<ContentError> mappingErrors) {
        return decide(d, mappingErrors, true);
    }

    private DeclarationOutcome decide(Declaration d, List<ContentError> mappingErrors, boolean export) {
        List<ContentError> errors = new ArrayList<>(mappingErrors);
        errors.addAll(checks.check(d));
        if (!errors.isEmpty()) {
            return DeclarationOutcome.rejected(d, errors);
        }
        Assessment assessment = export ? tax.assessExport(d) : tax.assess(d);
        Selection selection = selectivity.select(d, assessment);
        return new DeclarationOutcome(DeclarationOutcome.Status.ACCEPTED, d, List.of(), assessment, selection,
                acceptanceNo(d));
    }

    /**
     * Derived from the declaration's identity, not from a database sequence, so that a run interrupted and
     * resumed answers exactly what an uninterrupted run answers.
     */
    static String acceptanceNo(Declaration d) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((d.sender() + "|" + d.declarationNo()).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 6; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return "KCS" + YYMMDD.format(d.date()) + String.format("%08d", v % 100_000_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

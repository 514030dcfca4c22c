package org.edibatch.decision;

import org.edibatch.console.DecisionKind;
import org.edibatch.customs.Amendments;
import org.edibatch.customs.ContentError;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationItem;
import org.edibatch.customs.DeclarationOutcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * What an officer's decision does to its declaration, by the rules of amendments ({@link Amendments}): a
 * reassessment is the declaration as the sender sent it with the officer's corrections, decided as a replacement;
 * a refusal withdraws the current version as a cancellation does; a release adds no version (the release step
 * carries it out). Plain Java; an instance serves one thread.
 */
public final class DecisionRules {

    /**
     * What applying a decision came to.
     *
     * @param version       the version it made (an accepted replacement or cancellation outcome), null for a
     *                      release and when it cannot be applied
     * @param notApplicable why it cannot be applied, null when it was
     */
    public record Result(DeclarationOutcome version, String notApplicable) {

        public boolean applied() {
            return notApplicable == null;
        }
    }

    /** The officer's corrections; null for a field not corrected. */
    public record Corrections(String hsCode, BigDecimal customsValueKrw, BigDecimal quantity) {
    }

    private static final String WITHDRAWN = "the declaration was withdrawn (cancelled or refused) before";

    private final Amendments amendments;

    public DecisionRules(Amendments amendments) {
        this.amendments = amendments;
    }

    /**
     * @param seen    the declaration the officer decided on: as its message was sent for a reassessment (read back
     *                from its file), its header for a refusal, null for a release
     * @param current its number's state now
     * @param export  the declaration is an export
     */
    public Result apply(DecisionKind kind, Corrections corrections, Declaration seen, Amendments.State current,
                        boolean export) {
        switch (kind) {
            case RELEASE:
                return new Result(null, null);
            case REFUSE: {
                DeclarationOutcome refused = amendments.refuse(seen, current);
                return refused == null ? new Result(null, WITHDRAWN) : new Result(refused, null);
            }
            case REASSESS: {
                DeclarationOutcome reassessed = amendments.reassess(corrected(seen, corrections), current, export);
                if (reassessed == null) {
                    return new Result(null, WITHDRAWN);
                }
                if (!reassessed.accepted()) {
                    return new Result(null, "the corrected declaration fails the checks: " + errors(reassessed));
                }
                return new Result(reassessed, null);
            }
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    /**
     * The declaration with the officer's corrections. The console corrects a declaration as a whole: the HS code
     * goes to every item; a customs value in won is shared among the items in proportion to their declared values
     * (the declaration is then in KRW), a quantity in proportion to their quantities, each share rounded down and
     * the last item taking the rest, so the shares add up to what the officer typed.
     */
    public static Declaration corrected(Declaration seen, Corrections c) {
        List<DeclarationItem> items = seen.items();
        int n = items.size();
        BigDecimal[] values = null;
        BigDecimal[] quantities = null;
        if (c.customsValueKrw() != null) {
            BigDecimal[] declared = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                declared[i] = items.get(i).value();
            }
            values = apportion(c.customsValueKrw(), declared, Math.max(0, c.customsValueKrw().scale()));
        }
        if (c.quantity() != null) {
            BigDecimal[] declared = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                declared[i] = items.get(i).quantity();
            }
            quantities = apportion(c.quantity(), declared, 3);
        }
        List<DeclarationItem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            DeclarationItem item = items.get(i);
            out.add(new DeclarationItem(item.itemNo(), c.hsCode() != null ? c.hsCode() : item.hsCode(), item.origin(),
                    quantities != null ? quantities[i] : item.quantity(), item.unit(),
                    values != null ? values[i] : item.value(), values != null ? "KRW" : item.currency()));
        }
        return new Declaration(seen.sender(), seen.declarationNo(), seen.date(), seen.importerCode(),
                seen.importerName(), seen.declarantCode(), values != null ? "KRW" : seen.currency(),
                values != null ? c.customsValueKrw() : seen.declaredTotal(), List.copyOf(out), seen.function());
    }

    /**
     * {@code total} shared in proportion to {@code weights} (missing or zero weights share equally), each share
     * rounded down to {@code scale} and the last taking what is left.
     */
    static BigDecimal[] apportion(BigDecimal total, BigDecimal[] weights, int scale) {
        int n = weights.length;
        BigDecimal[] shares = new BigDecimal[n];
        BigDecimal sum = BigDecimal.ZERO;
        boolean usable = true;
        for (BigDecimal w : weights) {
            if (w == null || w.signum() < 0) {
                usable = false;
            } else {
                sum = sum.add(w);
            }
        }
        if (!usable || sum.signum() == 0) {
            weights = new BigDecimal[n];
            java.util.Arrays.fill(weights, BigDecimal.ONE);
            sum = BigDecimal.valueOf(n);
        }
        BigDecimal given = BigDecimal.ZERO;
        for (int i = 0; i < n - 1; i++) {
            shares[i] = total.multiply(weights[i]).divide(sum, scale, RoundingMode.DOWN);
            given = given.add(shares[i]);
        }
        if (n > 0) {
            shares[n - 1] = total.subtract(given);
        }
        return shares;
    }

    private static String errors(DeclarationOutcome rejected) {
        StringBuilder s = new StringBuilder();
        for (ContentError e : rejected.errors()) {
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(e.code().code()).append(' ').append(e.detail());
        }
        return s.toString();
    }
}

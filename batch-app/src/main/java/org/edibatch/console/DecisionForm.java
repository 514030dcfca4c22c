package org.edibatch.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A decision as the officer typed it, checked: a kind, a reason (mandatory, at most {@value #MAX_REASON}
 * characters), and for a reassessment at least one correction (an HS code of the tariff, a customs value or a
 * quantity above zero); the other kinds take no correction, so that nothing recorded is left unexplained.
 */
public final class DecisionForm {

    public static final int MAX_REASON = 2000;
    private static final Pattern HS_CODE = Pattern.compile("[0-9]{10}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,3})?");

    /** A checked decision, ready to record. */
    public record Checked(DecisionKind kind, String reason, String hsCode, BigDecimal customsValue,
                          BigDecimal quantity) {
    }

    /** The outcome: the decision, or what is wrong with the form (one line per field). */
    public record Result(Checked decision, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private DecisionForm() {
    }

    /**
     * @param knownHsCode whether the tariff knows an HS code (a reassessment to a code without a rate could not
     *                    be assessed)
     */
    public static Result check(String kind, String reason, String hsCode, String customsValue, String quantity,
                               Predicate<String> knownHsCode) {
        List<String> errors = new ArrayList<>();
        DecisionKind k = null;
        try {
            k = kind == null ? null : DecisionKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            k = null;
        }
        if (k == null) {
            errors.add("decision: choose release, reassess or refuse");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            errors.add("reason: a decision needs a reason");
        } else if (why.length() > MAX_REASON) {
            errors.add("reason: at most " + MAX_REASON + " characters");
        }
        String hs = blankToNull(hsCode);
        BigDecimal value = amount("customs value", customsValue, errors);
        BigDecimal qty = amount("quantity", quantity, errors);
        if (hs != null && !HS_CODE.matcher(hs).matches()) {
            errors.add("HS code: ten digits");
        } else if (hs != null && !knownHsCode.test(hs)) {
            errors.add("HS code: not in the tariff");
        }
        boolean corrected = hs != null || blankToNull(customsValue) != null || blankToNull(quantity) != null;
        if (k == DecisionKind.REASSESS && !corrected) {
            errors.add("reassess: give the corrected HS code, customs value or quantity");
        }
        if (k != null && k != DecisionKind.REASSESS && corrected) {
            errors.add(k.text() + ": corrections belong to a reassessment");
        }
        return errors.isEmpty() ? new Result(new Checked(k, why, hs, value, qty), List.of())
                : new Result(null, List.copyOf(errors));
    }

    private static BigDecimal amount(String field, String text, List<String> errors) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        if (!AMOUNT.matcher(t).matches()) {
            errors.add(field + ": a number above zero, at most three decimals");
            return null;
        }
        BigDecimal v = new BigDecimal(t);
        if (v.signum() <= 0) {
            errors.add(field + ": a number above zero, at most three decimals");
            return null;
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package org.edibatch.console;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionFormTest {

    private static final Predicate<String> TARIFF = "8471300000"::equals;

    @Test
    void aReleaseNeedsAReasonAndNoCorrection() {
        DecisionForm.Result ok = DecisionForm.check("release", "  documents complete ", "", null, " ", TARIFF);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.decision()).isEqualTo(new DecisionForm.Checked(DecisionKind.RELEASE, "documents complete",
                null, null, null));
        assertThat(DecisionForm.check("RELEASE", " ", null, null, null, TARIFF).errors())
                .containsExactly("reason: a decision needs a reason");
        assertThat(DecisionForm.check("REFUSE", "why", "8471300000", null, null, TARIFF).errors())
                .containsExactly("refuse: corrections belong to a reassessment");
        assertThat(DecisionForm.check("REFUSE", "x".repeat(DecisionForm.MAX_REASON + 1), null, null, null, TARIFF)
                .errors()).containsExactly("reason: at most 2000 characters");
    }

    @Test
    void aReassessmentNamesAKnownCorrection() {
        DecisionForm.Result ok = DecisionForm.check("REASSESS", "other goods", "8471300000", "1200.50", "3", TARIFF);
        assertThat(ok.decision().hsCode()).isEqualTo("8471300000");
        assertThat(ok.decision().customsValue()).isEqualByComparingTo(new BigDecimal("1200.50"));
        assertThat(ok.decision().quantity()).isEqualByComparingTo("3");
        assertThat(DecisionForm.check("REASSESS", "why", null, null, null, TARIFF).errors())
                .containsExactly("reassess: give the corrected HS code, customs value or quantity");
        assertThat(DecisionForm.check("REASSESS", "why", "9999999999", null, null, TARIFF).errors())
                .containsExactly("HS code: not in the tariff");
        assertThat(DecisionForm.check("REASSESS", "why", "84713", "0", "-1", TARIFF).errors())
                .containsExactly("customs value: a number above zero, at most three decimals",
                        "quantity: a number above zero, at most three decimals", "HS code: ten digits");
    }

    @Test
    void anUnknownKindIsNamed() {
        assertThat(DecisionForm.check("approve'; DROP TABLE x", "why", null, null, null, TARIFF).errors())
                .containsExactly("decision: choose release, reassess or refuse");
        assertThat(DecisionForm.check(null, "why", null, null, null, TARIFF).ok()).isFalse();
    }
}

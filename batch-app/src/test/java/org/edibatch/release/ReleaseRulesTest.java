package org.edibatch.release;

import org.edibatch.release.ReleaseRules.Basis;
import org.edibatch.release.ReleaseRules.Candidate;
import org.edibatch.release.ReleaseRules.Decision;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The release rules case by case: a channel that allows it, and the tax paid or deferred to the monthly bill. */
class ReleaseRulesTest {

    private static final BigDecimal DUE = new BigDecimal("339835");

    @Test
    void greenAndPaidIsReleased() {
        assertThat(ReleaseRules.decide(new Candidate("GREEN", null, false, false, BigDecimal.ZERO, false)))
                .contains(Basis.PAID);
    }

    @Test
    void greenWithTaxStillOpenWaits() {
        assertThat(ReleaseRules.decide(new Candidate("GREEN", null, false, false, DUE, false))).isEmpty();
        // paid in part: 1 won open is still open
        assertThat(ReleaseRules.decide(new Candidate("GREEN", null, false, false, BigDecimal.ONE, false))).isEmpty();
    }

    @Test
    void anImporterOnMonthlyPaymentIsReleasedUnpaid() {
        assertThat(ReleaseRules.decide(new Candidate("GREEN", null, false, false, DUE, true)))
                .contains(Basis.MONTHLY);
        // paid anyway: released as paid
        assertThat(ReleaseRules.decide(new Candidate("GREEN", null, false, false, BigDecimal.ZERO, true)))
                .contains(Basis.PAID);
    }

    @Test
    void redOrYellowWaitsForTheOfficerEvenWhenPaid() {
        assertThat(ReleaseRules.decide(new Candidate("RED", null, false, false, BigDecimal.ZERO, false))).isEmpty();
        assertThat(ReleaseRules.decide(new Candidate("YELLOW", null, false, false, BigDecimal.ZERO, true))).isEmpty();
    }

    @Test
    void redReleasedByAnOfficerIsReleasedOncePaid() {
        assertThat(ReleaseRules.decide(new Candidate("RED", Decision.RELEASE, false, false, DUE, false))).isEmpty();
        assertThat(ReleaseRules.decide(new Candidate("RED", Decision.RELEASE, false, false, BigDecimal.ZERO, false)))
                .contains(Basis.PAID);
        assertThat(ReleaseRules.decide(new Candidate("YELLOW", Decision.RELEASE, false, false, DUE, true)))
                .contains(Basis.MONTHLY);
    }

    @Test
    void aReassessmentReleasesOnlyOnceApplied() {
        assertThat(ReleaseRules.decide(new Candidate("RED", Decision.REASSESS, false, false, BigDecimal.ZERO, false)))
                .isEmpty();
        assertThat(ReleaseRules.decide(new Candidate("RED", Decision.REASSESS, true, false, BigDecimal.ZERO, false)))
                .contains(Basis.PAID);
    }

    @Test
    void aRefusalOrACancellationIsNeverReleased() {
        assertThat(ReleaseRules.decide(new Candidate("GREEN", Decision.REFUSE, true, false, BigDecimal.ZERO, true)))
                .isEmpty();
        assertThat(ReleaseRules.decide(new Candidate("GREEN", null, false, true, BigDecimal.ZERO, true))).isEmpty();
    }
}

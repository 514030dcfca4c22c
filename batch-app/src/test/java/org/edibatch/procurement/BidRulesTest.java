package org.edibatch.procurement;

import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Intake takes the first failure in the documented order; bid verify lists every one it can know. */
class BidRulesTest {

    private static final Instant DEADLINE = Instant.parse("2026-11-28T01:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final BidRepository.Vendor V001 = new BidRepository.Vendor("V001", "1248100998", "ACTIVE", null, null);
    private static final BidRepository.Vendor BARRED = new BidRepository.Vendor("V001", "1248100998", "DEBARRED",
            LocalDate.parse("2026-06-01"), LocalDate.parse("2027-05-31"));
    private static final Optional<BidRules.Tender> OPEN = Optional.of(new BidRules.Tender(true, DEADLINE));

    private static BidDocument bid(int p1, int p2) {
        return new BidDocument("XML", "B-1", "T1", "V001", p1, p2, new byte[]{1}, null);
    }

    private static VerificationOutcome signedBy(String brn) {
        return VerificationOutcome.passed("CN=V001", brn, DEADLINE);
    }

    private static List<String> codes(List<BidRules.Finding> found) {
        return found.stream().map(f -> f.code().name()).toList();
    }

    @Test
    void aGoodBidInTimeHasNoFindingAndTheDeadlineIsInclusive() {
        assertThat(BidRules.check(bid(3, 7), signedBy("1248100998"), Optional.of(V001), OPEN, DEADLINE, DAY,
                () -> false, false)).isEmpty();
        assertThat(codes(BidRules.check(bid(3, 7), signedBy("1248100998"), Optional.of(V001), OPEN,
                DEADLINE.plusMillis(1), DAY, () -> false, false))).containsExactly("B20");
    }

    @Test
    void intakeStopsAtTheFirstFailureAndNeverAsksForDuplicatesThen() {
        AtomicInteger asked = new AtomicInteger();
        List<BidRules.Finding> found = BidRules.check(bid(4, 4), signedBy("9999999999"), Optional.of(BARRED),
                Optional.empty(), DEADLINE, DAY, () -> asked.incrementAndGet() > 0, false);
        assertThat(codes(found)).containsExactly("B32");
        assertThat(asked).hasValue(0);
        assertThat(codes(BidRules.check(bid(3, 7), signedBy("1248100998"), Optional.of(V001), OPEN, DEADLINE, DAY,
                () -> true, false))).containsExactly("B50");
    }

    @Test
    void verifyListsEveryFindingInTheDocumentedOrder() {
        List<BidRules.Finding> found = BidRules.check(bid(4, 4), signedBy("9999999999"), Optional.of(BARRED),
                Optional.empty(), DEADLINE, DAY, () -> false, true);
        assertThat(codes(found)).containsExactly("B32", "B41", "B10", "B60");
        assertThat(codes(BidRules.check(bid(3, 7), VerificationOutcome.of(SubReason.MISSING_SIGNATURE, "none"),
                Optional.empty(), null, DEADLINE, DAY, () -> false, true))).containsExactly("B30", "B40");
        assertThat(BidRules.check(bid(3, 7), VerificationOutcome.failed(SubReason.REVOKED, "crl"), Optional.of(V001),
                null, DEADLINE, DAY, () -> false, true)).extracting(BidRules.Finding::text)
                .containsExactly("The bid's signature did not verify. (REVOKED)");
    }
}

package org.edibatch.procurement;

import org.edibatch.schemas.ReferenceFiles;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Qualification review from hand-worked examples. Every tender here has its 15 preliminary prices at 1,000,000
 * won, so the reserve price is 1,000,000 whatever the picks, and the lower limit at 88% is 880,000. Rule: the
 * 2026 construction rule, price points 70 - 4 x |90 - ratio x 100|, pass mark 95.
 */
class QualificationReviewTest {

    private static final Instant NINE = Instant.parse("2026-03-02T00:00:00Z");
    private static final TenderOpening.Terms TERMS = new TenderOpening.Terms("T9", new BigDecimal("1000000"),
            new BigDecimal("2"), new BigDecimal("88"), "seed");
    private static final List<BigDecimal> FLAT = Collections.nCopies(15, new BigDecimal("1000000"));

    private static TenderOpening.Bid bid(long id, String vendor, int seconds, String price) {
        return TenderOpening.Bid.opened(id, vendor, BidRepository.receiptNo(id), NINE.plusSeconds(seconds), 1, 2,
                new BigDecimal(price));
    }

    private static TenderOpening.Result open(Map<String, String> nonPrice, TenderOpening.Bid... bids) {
        Map<String, BigDecimal> points = new java.util.HashMap<>();
        nonPrice.forEach((v, p) -> points.put(v, new BigDecimal(p)));
        return TenderOpening.decide(TERMS, new QualificationReview.Criteria(TenderOpeningTest.RULE, points), FLAT,
                new ArrayList<>(List.of(bids)));
    }

    @Test
    void theRatioIsRoundedHalfUpToFourDecimalsAndThePointsAreExact() {
        // 896,550 / 1,000,000 = 0.89655 -> 0.8966; |90 - 89.66| = 0.34; 70 - 4 x 0.34 = 68.64
        QualificationReview.Score s = QualificationReview.score(TenderOpeningTest.RULE, new BigDecimal("26.36"),
                new BigDecimal("896550"), new BigDecimal("1000000"));
        assertThat(s.ratio()).isEqualByComparingTo("0.8966");
        assertThat(s.pricePoints()).isEqualByComparingTo("68.64");
        assertThat(s.total()).isEqualByComparingTo("95.00");
        assertThat(s.passed()).as("the pass mark itself passes").isTrue();
        // 896,549 -> 0.896549 -> 0.8965; 70 - 4 x 0.35 = 68.60; 26.36 + 68.60 = 94.96 < 95
        QualificationReview.Score below = QualificationReview.score(TenderOpeningTest.RULE, new BigDecimal("26.36"),
                new BigDecimal("896549"), new BigDecimal("1000000"));
        assertThat(below.pricePoints()).isEqualByComparingTo("68.60");
        assertThat(below.passed()).isFalse();
        // far from the target the price points stop at zero: 500,000 -> 70 - 4 x 40 < 0 -> 0
        assertThat(QualificationReview.score(TenderOpeningTest.RULE, BigDecimal.TEN, new BigDecimal("500000"),
                new BigDecimal("1000000")).pricePoints()).isEqualByComparingTo("0");
    }

    @Test
    void theLowestEligibleBidPassesAndWins() {
        // V3 at 870,000 is below the lower limit (O20); V1 at 896,550 is screened first: 26.36 + 68.64 = 95.00, wins;
        // V2 (905,000) is not screened
        TenderOpening.Result r = open(Map.of("V1", "26.36", "V2", "30"),
                bid(1, "V1", 10, "896550"), bid(2, "V2", 20, "905000"), bid(3, "V3", 30, "870000"));
        assertThat(r.result()).isEqualTo(AwardResult.AWARDED);
        assertThat(r.winner()).get().extracting(AwardRule.OpenedBid::vendorId).isEqualTo("V1");
        assertThat(r.ranking()).extracting(v -> v.vendorId() + ":" + v.reason() + ":"
                + (v.score() == null ? "-" : v.score().total().toPlainString()))
                .containsExactly("V1:null:95.00", "V2:null:-", "V3:O20:-");
        assertThat(r.failReason()).isNull();
        assertThat(r.passMark()).isEqualByComparingTo("95");
    }

    @Test
    void theFirstCandidateFailsReviewAndTheSecondWins() {
        // V1 896,549: 0.8965, 68.60 + 26.36 = 94.96 < 95 -> Q01. V2 905,000: 0.9050, |90 - 90.50| = 0.50,
        // 70 - 2 = 68.00 + 27.00 = 95.00 -> wins
        TenderOpening.Result r = open(Map.of("V1", "26.36", "V2", "27.00"),
                bid(1, "V1", 10, "896549"), bid(2, "V2", 20, "905000"));
        assertThat(r.winner()).get().extracting(AwardRule.OpenedBid::vendorId).isEqualTo("V2");
        TenderOpening.Verdict first = r.ranking().get(0);
        assertThat(first.reason()).isEqualTo(ProcurementCode.Q01);
        assertThat(first.score().total()).isEqualByComparingTo("94.96");
        assertThat(first.exceptionText()).isEqualTo("tender T9: " + ProcurementCode.Q01.text()
                + " score 94.96 (non-price 26.36, price 68.60), pass mark 95");
        assertThat(r.ranking().get(1).score().total()).isEqualByComparingTo("95.00");
        assertThat(r.ranking().get(1).reason()).isNull();
    }

    @Test
    void whenNoCandidatePassesTheTenderFails() {
        // V1 94.96 as above; V2 905,000 with 26.99: 68.00 + 26.99 = 94.99 < 95; V3 has no points at all:
        // 900,000 -> 70.00 + 0 = 70
        TenderOpening.Result r = open(Map.of("V1", "26.36", "V2", "26.99"),
                bid(1, "V1", 10, "896549"), bid(2, "V2", 20, "905000"), bid(3, "V3", 30, "900000"));
        assertThat(r.result()).isEqualTo(AwardResult.FAILED);
        assertThat(r.failReason()).isEqualTo(ProcurementCode.F12);
        assertThat(r.winner()).isEmpty();
        assertThat(r.ranking()).extracting(v -> v.vendorId() + ":" + v.reason() + ":" + v.score().total().toPlainString())
                .containsExactly("V1:Q01:94.96", "V3:Q01:70.00", "V2:Q01:94.99");
    }

    @Test
    void oneValidBidFailsTheTenderWithoutReview() {
        // V1 would score 30 + 70 = 100, but V2's seal did not open: one valid bid, fewer than two
        TenderOpening.Result r = open(Map.of("V1", "30", "V2", "30"), bid(1, "V1", 10, "900000"),
                TenderOpening.Bid.unopenable(2, "V2", BidRepository.receiptNo(2), NINE.plusSeconds(20),
                        new ProcurementFormatException(ProcurementCode.O10, "wrong recipient")));
        assertThat(r.result()).isEqualTo(AwardResult.FAILED);
        assertThat(r.failReason()).isEqualTo(ProcurementCode.F10);
        assertThat(r.ranking()).singleElement().satisfies(v -> {
            assertThat(v.score()).isNull();
            assertThat(v.rank()).isEqualTo(1);
        });
        assertThat(r.unopenable()).hasSize(1);
    }

    @Test
    void twoBidsOutsideTheLimitsAreValidButFailTheTenderForWantOfACandidate() {
        TenderOpening.Result r = open(Map.of(), bid(1, "V1", 10, "870000"), bid(2, "V2", 20, "1000001"));
        assertThat(r.failReason()).isEqualTo(ProcurementCode.F11);
    }

    @Test
    void tiesAreScreenedInOrderOfReceiptThenReceiptNumber() {
        // all three at 900,000 (70.00 price points). V2 was received first: screened first, 20 + 70 = 90 fails.
        // V1 and V3 were received at the same second; V1 holds the lower receipt number: 25 + 70 = 95 wins; V3
        // (30 points, would also pass) is not screened.
        TenderOpening.Result r = open(Map.of("V1", "25", "V2", "20", "V3", "30"),
                bid(1, "V1", 20, "900000"), bid(2, "V2", 10, "900000"), bid(3, "V3", 20, "900000"));
        assertThat(r.ranking()).extracting(v -> v.vendorId() + ":" + v.rank()).containsExactly("V2:1", "V1:2", "V3:3");
        assertThat(r.ranking().get(0).reason()).isEqualTo(ProcurementCode.Q01);
        assertThat(r.winner()).get().extracting(AwardRule.OpenedBid::vendorId).isEqualTo("V1");
        assertThat(r.ranking().get(2).score()).isNull();
    }

    @Test
    void theShippedRulesHaveARuleForEveryLowerLimitBandAndPointsWithTwoDecimals() {
        List<QualificationReview.Rule> rules = ReferenceFiles.load("qualification-rules").rows().stream()
                .map(m -> new QualificationReview.Rule(m.get("contract_kind"), new BigDecimal(m.get("min_amount_krw")),
                        new BigDecimal(m.get("max_amount_krw")), LocalDate.parse(m.get("valid_from")),
                        LocalDate.parse(m.get("valid_to")), new BigDecimal(m.get("price_points")),
                        new BigDecimal(m.get("slope")), new BigDecimal(m.get("target_ratio_pct")),
                        new BigDecimal(m.get("pass_mark")))).toList();
        for (Map<String, String> band : ReferenceFiles.load("lower-limit-rates").rows()) {
            for (String day : List.of(band.get("valid_from"), band.get("valid_to"))) {
                assertThat(QualificationReview.rule(rules, band.get("contract_kind"),
                        new BigDecimal(band.get("min_amount_krw")), LocalDate.parse(day)))
                        .as(band + " on " + day).isPresent();
            }
        }
        assertThat(QualificationReview.rule(rules, "CONSTRUCTION", new BigDecimal("500000000"), LocalDate.of(2026, 11, 20)))
                .get().satisfies(r -> {
                    assertThat(r.targetRatioPct()).isEqualByComparingTo("90");
                    assertThat(r.passMark()).isEqualByComparingTo("95");
                });
        assertThat(ReferenceFiles.load("vendor-qualification").rows())
                .allSatisfy(m -> assertThat(m.get("non_price_points")).matches("\\d{1,2}\\.\\d{2}"));
    }
}

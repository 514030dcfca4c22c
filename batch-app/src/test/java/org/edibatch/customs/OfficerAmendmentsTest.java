package org.edibatch.customs;

import org.edibatch.console.DecisionKind;
import org.edibatch.decision.DecisionRules;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An officer's reassessment and refusal as amendments, amounts by hand. T-shirts (13 %), USD at 1,398.50 KRW,
 * VAT 10 %, rounded down to the won.
 */
class OfficerAmendmentsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    private final StubReference reference = new StubReference().tariff("6109100000", "13").tariff("8471300000", "0")
            .rate("USD", "1398.50").importer("IMP1", false);
    private final CustomsRules rules = new CustomsRules(new DeclarationChecks(reference),
            new TaxCalculator(reference, RoundingMode.DOWN, BigDecimal.TEN),
            new SelectivityEngine(reference, new SelectivityEngine.Settings(40, 70, 7L, BigDecimal.ZERO)));
    private final DecisionRules decisions = new DecisionRules(new Amendments(rules));

    /** Two items, 2,500.00 and 1,800.50 USD. */
    private static Declaration shirts() {
        return new Declaration("SENDER", "D1", DAY, "IMP1", "Importer", null, "USD", new BigDecimal("4300.50"),
                List.of(new DeclarationItem(1, "6109100000", "VN", new BigDecimal("500"), "PCE",
                                new BigDecimal("2500.00"), "USD"),
                        new DeclarationItem(2, "6109100000", "VN", new BigDecimal("200"), "PCE",
                                new BigDecimal("1800.50"), "USD")));
    }

    private static Amendments.State version1(boolean decided) {
        // 4,300.50 USD = 6,014,249 (2,500.00 -> 3,496,250; 1,800.50 -> 2,517,999); the amounts themselves are
        // only carried into the new version as "previous"
        return new Amendments.State(1, false, DAY, "IMP1", "KCS261125A", new BigDecimal("6014249"),
                new BigDecimal("781852"), new BigDecimal("679610"), decided);
    }

    @Test
    void aCustomsValueInWonIsSharedByDeclaredValueAndAssessedAsAReplacement() {
        // 50,000,000 KRW x 2,500.00 / 4,300.50 = 29,066,387.6 -> 29,066,387; the last item the rest, 20,933,613.
        // duty 13 %: 3,778,630 (3,778,630.31) + 2,721,369 (2,721,369.69) = 6,499,999
        // VAT 10 %: of 32,845,017 = 3,284,501 + of 23,654,982 = 2,365,498 = 5,649,999
        DecisionRules.Result r = decisions.apply(DecisionKind.REASSESS,
                new DecisionRules.Corrections(null, new BigDecimal("50000000"), null), shirts(), version1(true), false);
        assertThat(r.applied()).isTrue();
        DeclarationOutcome v = r.version();
        assertThat(v.declaration().function()).isEqualTo(MessageFunction.REPLACEMENT);
        assertThat(v.declaration().currency()).isEqualTo("KRW");
        assertThat(v.declaration().items()).extracting(DeclarationItem::value)
                .containsExactly(new BigDecimal("29066387"), new BigDecimal("20933613"));
        assertThat(v.assessment().customsValue()).isEqualByComparingTo("50000000");
        assertThat(v.assessment().duty()).isEqualByComparingTo("6499999");
        assertThat(v.assessment().vat()).isEqualByComparingTo("5649999");
        assertThat(v.amendment().version()).isEqualTo(2);
        assertThat(v.amendment().cancelled()).isFalse();
        assertThat(v.amendment().previous().acceptanceNo()).isEqualTo("KCS261125A");
        assertThat(v.acceptanceNo()).isNotEqualTo(CustomsRules.acceptanceNo(shirts()));
    }

    @Test
    void anHsCodeGoesToEveryItemAndAQuantityIsSharedByDeclaredQuantity() {
        // laptops (0 %): 6,014,249 KRW value, no duty, VAT 601,424 (349,625 + 251,799)
        DecisionRules.Result r = decisions.apply(DecisionKind.REASSESS,
                new DecisionRules.Corrections("8471300000", null, new BigDecimal("70")), shirts(), version1(false),
                false);
        DeclarationOutcome v = r.version();
        assertThat(v.declaration().items()).extracting(DeclarationItem::hsCode)
                .containsExactly("8471300000", "8471300000");
        // 70 x 500 / 700 = 50; the last the rest, 20
        assertThat(v.declaration().items()).extracting(DeclarationItem::quantity)
                .containsExactly(new BigDecimal("50.000"), new BigDecimal("20.000"));
        assertThat(v.assessment().customsValue()).isEqualByComparingTo("6014249");
        assertThat(v.assessment().duty()).isEqualByComparingTo("0");
        assertThat(v.assessment().vat()).isEqualByComparingTo("601424");
    }

    @Test
    void aRefusalWithdrawsTheCurrentVersionAndNothingIsLeftToDecideAfterIt() {
        DecisionRules.Result r = decisions.apply(DecisionKind.REFUSE, null, shirts(), version1(true), false);
        DeclarationOutcome v = r.version();
        assertThat(v.cancelled()).isTrue();
        assertThat(v.amendment().version()).isEqualTo(2);
        assertThat(v.assessment().totalTax()).isEqualByComparingTo("0");
        assertThat(v.declaration().function()).isEqualTo(MessageFunction.CANCELLATION);

        Amendments.State refused = Amendments.after(v);
        assertThat(refused.cancelled()).isTrue();
        assertThat(decisions.apply(DecisionKind.REASSESS, new DecisionRules.Corrections("8471300000", null, null),
                shirts(), refused, false).notApplicable()).contains("withdrawn");
        assertThat(decisions.apply(DecisionKind.REFUSE, null, shirts(), refused, false).applied()).isFalse();
        DecisionRules.Result release = decisions.apply(DecisionKind.RELEASE, null, null, version1(true), false);
        assertThat(release.applied()).isTrue();
        assertThat(release.version()).isNull();
    }

    @Test
    void aCorrectionTheChecksRefuseIsNotApplied() {
        DecisionRules.Result r = decisions.apply(DecisionKind.REASSESS,
                new DecisionRules.Corrections("9999999999", null, null), shirts(), version1(true), false);
        assertThat(r.applied()).isFalse();
        assertThat(r.notApplicable()).contains("C120");
    }

    @Test
    void theSenderGetsC173ForADeclarationAnOfficerRefused() {
        Amendments.State refused = new Amendments.State(2, true, DAY, "IMP1", "KCS261125B", BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, true);
        Declaration replacement = new Declaration("SENDER", "D1", DAY, "IMP1", "Importer", null, "USD",
                new BigDecimal("4300.50"), shirts().items(), MessageFunction.REPLACEMENT);
        DeclarationOutcome refusedAmendment = new Amendments(rules).decide(rules.decide(replacement, List.of()), refused,
                false, false);
        assertThat(refusedAmendment.errors()).extracting(e -> e.code().code()).containsExactly("C173");
    }
}

package org.edibatch.customs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Korean import taxes per DOMAIN.md: customs value = CIF x customs exchange rate; duty = customs value x
 * the HS code's rate; VAT = 10% x (customs value + duty). Each amount is rounded to whole won with the
 * configured mode (default truncation, as KCS does), item by item, then summed.
 */
public final class TaxCalculator {

    private final ReferenceData reference;
    private final RoundingMode rounding;
    private final BigDecimal vatRatePercent;

    public TaxCalculator(ReferenceData reference, RoundingMode rounding, BigDecimal vatRatePercent) {
        this.reference = reference;
        this.rounding = rounding;
        this.vatRatePercent = vatRatePercent;
    }

    /** Assumes the declaration passed {@link DeclarationChecks}: rates and tariff lines exist. */
    public Assessment assess(Declaration d) {
        BigDecimal rate = "KRW".equals(d.currency()) ? BigDecimal.ONE
                : reference.exchangeRate(d.currency(), d.date()).orElseThrow();
        BigDecimal customsValue = BigDecimal.ZERO;
        BigDecimal duty = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        List<Assessment.ItemAssessment> items = new ArrayList<>();
        for (DeclarationItem item : d.items()) {
            BigDecimal dutyRate = reference.tariff(item.hsCode(), d.date()).orElseThrow().dutyRatePercent();
            BigDecimal cv = won(item.value().multiply(rate));
            // x% as a shift of the decimal point: the same value as dividing by 100 (only the scale of the
            // unrounded amount differs, and won() sets it), without BigDecimal.divide's search for the
            // shortest exact quotient, a tenth of the rules' time
            BigDecimal itemDuty = won(cv.multiply(dutyRate).movePointLeft(2));
            BigDecimal itemVat = won(cv.add(itemDuty).multiply(vatRatePercent).movePointLeft(2));
            items.add(new Assessment.ItemAssessment(item.itemNo(), item.hsCode(), cv, dutyRate, itemDuty, itemVat));
            customsValue = customsValue.add(cv);
            duty = duty.add(itemDuty);
            vat = vat.add(itemVat);
        }
        return new Assessment(rate, customsValue, duty, vat, List.copyOf(items));
    }

    /** The customs value of an export in KRW, with no duty and no VAT (exports are zero-rated). */
    public Assessment assessExport(Declaration d) {
        Assessment valued = assess(d);
        List<Assessment.ItemAssessment> items = new ArrayList<>(valued.items().size());
        for (Assessment.ItemAssessment i : valued.items()) {
            items.add(new Assessment.ItemAssessment(i.itemNo(), i.hsCode(), i.customsValue(), BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO));
        }
        return new Assessment(valued.exchangeRate(), valued.customsValue(), BigDecimal.ZERO, BigDecimal.ZERO,
                List.copyOf(items));
    }

    private BigDecimal won(BigDecimal amount) {
        return amount.setScale(0, rounding);
    }
}

package org.edibatch.customs;

import java.math.BigDecimal;
import java.util.List;

/**
 * The taxes assessed on one declaration, all in KRW.
 *
 * @param exchangeRate the customs rate used (KRW per unit of the declaration currency)
 */
public record Assessment(BigDecimal exchangeRate, BigDecimal customsValue, BigDecimal duty, BigDecimal vat,
                         List<ItemAssessment> items) {

    public record ItemAssessment(int itemNo, String hsCode, BigDecimal customsValue, BigDecimal dutyRatePercent,
                                 BigDecimal duty, BigDecimal vat) {
    }

    public BigDecimal totalTax() {
        return duty.add(vat);
    }
}

package org.edibatch.customs;

import java.math.BigDecimal;

/** One goods item: HS code, origin, quantity and CIF value in the invoice currency. */
public record DeclarationItem(int itemNo, String hsCode, String origin, BigDecimal quantity, String unit,
                              BigDecimal value, String currency) {
}

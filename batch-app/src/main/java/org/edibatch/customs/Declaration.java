package org.edibatch.customs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An import declaration as received, independent of the format it came in.
 *
 * @param sender        the EDI id of the sending party (UNB sender)
 * @param declaredTotal the invoice total the declarant states (MOA+39), in {@code currency}
 */
public record Declaration(String sender, String declarationNo, LocalDate date, String importerCode,
                          String importerName, String declarantCode, String currency, BigDecimal declaredTotal,
                          List<DeclarationItem> items) {
}

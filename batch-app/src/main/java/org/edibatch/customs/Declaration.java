package org.edibatch.customs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An import declaration as received, independent of the format it came in.
 *
 * @param sender        the EDI id of the sending party (UNB sender)
 * @param declaredTotal the invoice total the declarant states (MOA+39), in {@code currency}
 * @param function      original, replacement or cancellation (BGM 1225, XML FunctionCode)
 */
public record Declaration(String sender, String declarationNo, LocalDate date, String importerCode,
                          String importerName, String declarantCode, String currency, BigDecimal declaredTotal,
                          List<DeclarationItem> items, MessageFunction function) {

    public Declaration {
        if (function == null) {
            function = MessageFunction.ORIGINAL;
        }
    }

    /** An original declaration. */
    public Declaration(String sender, String declarationNo, LocalDate date, String importerCode, String importerName,
                       String declarantCode, String currency, BigDecimal declaredTotal, List<DeclarationItem> items) {
        this(sender, declarationNo, date, importerCode, importerName, declarantCode, currency, declaredTotal, items,
                MessageFunction.ORIGINAL);
    }

    /** The same declaration dated otherwise: a replacement is assessed at the rates of its original's date. */
    public Declaration withDate(LocalDate other) {
        return new Declaration(sender, declarationNo, other, importerCode, importerName, declarantCode, currency,
                declaredTotal, items, function);
    }
}

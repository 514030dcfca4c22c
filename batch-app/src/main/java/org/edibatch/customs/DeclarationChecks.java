package org.edibatch.customs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Content checks of a mapped declaration against the reference data. Duplicate declaration numbers are
 * not checked here: only the ledger transaction can decide that race-free (see the customs writer).
 */
public final class DeclarationChecks {

    private final ReferenceData reference;

    public DeclarationChecks(ReferenceData reference) {
        this.reference = reference;
    }

    public List<ContentError> check(Declaration d) {
        List<ContentError> errors = new ArrayList<>();
        if (d.importerCode() != null && !d.importerCode().isEmpty()) {
            Optional<ReferenceData.Party> importer = reference.partyByCustomsCode(d.importerCode());
            if (importer.isEmpty() || !"IMPORTER".equals(importer.get().role())) {
                errors.add(new ContentError(CustomsErrorCode.UNKNOWN_IMPORTER, "header NAD+IM",
                        "importer " + d.importerCode() + " is not registered"));
            } else if (!importer.get().active()) {
                errors.add(new ContentError(CustomsErrorCode.IMPORTER_SUSPENDED, "header NAD+IM",
                        "importer " + d.importerCode() + " is " + importer.get().status()));
            }
        }
        if (d.date() != null) {
            for (DeclarationItem item : d.items()) {
                if (reference.tariff(item.hsCode(), d.date()).isEmpty()) {
                    errors.add(new ContentError(CustomsErrorCode.UNKNOWN_HS_CODE, "item " + item.itemNo() + " CST",
                            "HS code " + item.hsCode() + " has no tariff line on " + d.date()));
                }
            }
            if (d.currency() != null && !"KRW".equals(d.currency())
                    && reference.exchangeRate(d.currency(), d.date()).isEmpty()) {
                errors.add(new ContentError(CustomsErrorCode.MISSING_EXCHANGE_RATE, "header MOA+39",
                        "no " + d.currency() + " rate for the week of " + d.date()));
            }
        }
        BigDecimal sum = BigDecimal.ZERO;
        boolean complete = true;
        for (DeclarationItem item : d.items()) {
            if (item.value() == null) {
                complete = false;
                continue;
            }
            if (d.currency() != null && item.currency() != null && !d.currency().equals(item.currency())) {
                errors.add(new ContentError(CustomsErrorCode.CURRENCY_MISMATCH, "item " + item.itemNo() + " MOA+38",
                        "item in " + item.currency() + ", total in " + d.currency()));
            }
            sum = sum.add(item.value());
        }
        if (complete && d.declaredTotal() != null && sum.compareTo(d.declaredTotal()) != 0) {
            errors.add(new ContentError(CustomsErrorCode.TOTALS_MISMATCH, "header MOA+39",
                    "declared total " + d.declaredTotal().toPlainString() + " but items sum to " + sum.toPlainString()));
        }
        return errors;
    }
}

package org.edibatch.customs;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.Segment;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a syntactically valid CUSDEC (implementation guide KCS-CUSDEC-1) to a {@link Declaration}.
 * Only what the guide leaves to content rules is checked here (a real calendar date, fields the
 * product needs that the guide keeps conditional); the rest is in {@link DeclarationChecks}.
 */
public final class DeclarationMapper {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    public record Result(Declaration declaration, List<ContentError> errors) {
    }

    public Result map(String sender, EdifactMessage message) {
        List<ContentError> errors = new ArrayList<>();
        String declarationNo = "";
        MessageFunction function = MessageFunction.ORIGINAL;
        LocalDate date = null;
        String importerCode = null;
        String importerName = null;
        String declarantCode = null;
        String currency = null;
        BigDecimal total = null;
        List<DeclarationItem> items = new ArrayList<>();
        boolean inItems = false;
        ItemBuilder item = null;

        for (Segment s : message.segments()) {
            switch (s.tag()) {
                case "BGM":
                    declarationNo = s.value(2);
                    function = MessageFunction.ofCode(s.value(3));
                    break;
                case "DTM":
                    if ("137".equals(s.value(1, 1))) {
                        LocalDate parsed = date(s.value(1, 2));
                        if (parsed != null) {
                            date = parsed;
                        } else {
                            errors.add(new ContentError(CustomsErrorCode.INVALID_DATE, "DTM+137 segment " + s.position(),
                                    "'" + s.value(1, 2) + "' is not a date"));
                        }
                    }
                    break;
                case "NAD":
                    if ("IM".equals(s.value(1))) {
                        importerCode = s.value(2, 1);
                        importerName = s.value(4, 1);
                    } else if ("DT".equals(s.value(1))) {
                        declarantCode = s.value(2, 1);
                    }
                    break;
                case "UNS":
                    inItems = "D".equals(s.value(1));
                    if (!inItems && item != null) {
                        items.add(item.build());
                        item = null;
                    }
                    break;
                case "CST":
                    if (item != null) {
                        items.add(item.build());
                    }
                    item = new ItemBuilder(parseInt(s.value(1)), s.value(2, 1));
                    break;
                case "LOC":
                    if (inItems && item != null && "27".equals(s.value(1))) {
                        item.origin = s.value(2, 1);
                    }
                    break;
                case "MEA":
                    // the tariff quantity: 6311 AAR (first specified tariff quantity), C174 unit and value
                    if (item != null && "AAR".equals(s.value(1))) {
                        item.unit = s.value(3, 1);
                        item.quantity = decimal(s.value(3, 2));
                    }
                    break;
                case "MOA":
                    if (!inItems && "39".equals(s.value(1, 1))) {
                        total = decimal(s.value(1, 2));
                        currency = s.value(1, 3);
                    } else if (inItems && item != null && "38".equals(s.value(1, 1))) {
                        item.value = decimal(s.value(1, 2));
                        item.currency = s.value(1, 3);
                    }
                    break;
                default:
                    break;
            }
        }
        if (item != null) {
            items.add(item.build());
        }
        Declaration d = new Declaration(sender, declarationNo, date, importerCode, importerName, declarantCode,
                currency, total, List.copyOf(items), function);
        errors.addAll(missingFields(d, !errors.isEmpty(), false));
        return new Result(d, errors);
    }

    /**
     * The fields the product needs that the message formats leave optional, checked on the mapped declaration
     * whatever format it came in (EDIFACT or XML), so both answer a missing field with the same error.
     *
     * @param dateUnreadable the date was present but not a date (already reported as C101)
     * @param export         the trader is the exporter, not the importer
     */
    public static List<ContentError> missingFields(Declaration d, boolean dateUnreadable, boolean export) {
        List<ContentError> errors = new ArrayList<>();
        if (d.date() == null && !dateUnreadable) {
            errors.add(new ContentError(CustomsErrorCode.MANDATORY_MISSING, "header DTM+137", "declaration date missing"));
        }
        if (d.importerCode() == null || d.importerCode().isEmpty()) {
            errors.add(export
                    ? new ContentError(CustomsErrorCode.MANDATORY_MISSING, "header NAD+EX", "exporter missing")
                    : new ContentError(CustomsErrorCode.MANDATORY_MISSING, "header NAD+IM", "importer missing"));
        }
        for (DeclarationItem i : d.items()) {
            if (i.origin() == null || i.origin().isEmpty()) {
                errors.add(new ContentError(CustomsErrorCode.MANDATORY_MISSING, "item " + i.itemNo() + " LOC+27",
                        "country of origin missing"));
            }
            if (i.value() == null) {
                errors.add(new ContentError(CustomsErrorCode.MANDATORY_MISSING, "item " + i.itemNo() + " MOA+38",
                        "item value missing"));
            }
        }
        if (d.declaredTotal() == null) {
            errors.add(new ContentError(CustomsErrorCode.MANDATORY_MISSING, "header MOA+39", "invoice total missing"));
        }
        return errors;
    }

    private static int parseInt(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * CCYYMMDD as {@code uuuuMMdd} parses it strictly, or null. Eight ASCII digits, nearly every date, are read
     * by hand: the formatter builds a parse context and a field map for each date, a measurable share of mapping
     * a million declarations. Anything else goes to the formatter, which alone decides what else it takes (a
     * longer year, a sign).
     */
    static LocalDate date(String v) {
        int n = eightDigits(v);
        try {
            return n >= 0 ? LocalDate.of(n / 10000, n / 100 % 100, n % 100) : LocalDate.parse(v, CCYYMMDD);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number eight ASCII digits spell, or -1 when {@code v} is anything else. */
    private static int eightDigits(String v) {
        if (v.length() != 8) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < 8; i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    static BigDecimal decimal(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        BigDecimal plain = plainDecimal(v);
        if (plain != null) {
            return plain;
        }
        try {
            return new BigDecimal(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The common case (digits, at most one decimal mark, '.' or ',', at most 18 digits) without
     * {@code new BigDecimal(String)}, which copies the string into a char array and parses it with its general
     * grammar: the same value and scale, or null to take that general way.
     */
    private static BigDecimal plainDecimal(String v) {
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (++digits > 18) {
                    return null;
                }
                unscaled = unscaled * 10 + (ch - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if ((ch == '.' || ch == ',') && scale < 0) {
                scale = 0;
            } else {
                return null;
            }
        }
        return digits == 0 ? null : BigDecimal.valueOf(unscaled, Math.max(scale, 0));
    }

    private static final class ItemBuilder {
        final int itemNo;
        final String hsCode;
        String origin;
        BigDecimal quantity;
        String unit;
        BigDecimal value;
        String currency;

        ItemBuilder(int itemNo, String hsCode) {
            this.itemNo = itemNo;
            this.hsCode = hsCode;
        }

        DeclarationItem build() {
            return new DeclarationItem(itemNo, hsCode, origin, quantity, unit, value, currency);
        }
    }
}

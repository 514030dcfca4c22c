package org.edibatch.xml.internal;

import org.edibatch.customs.ContentError;
import org.edibatch.customs.CustomsErrorCode;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationItem;
import org.edibatch.customs.DeclarationMapper;

import javax.xml.stream.XMLStreamReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one declaration's fields from its elements and maps them the way DeclarationMapper maps the
 * CUSDEC twin: same values, same C100/C101 errors with the same pointers and texts, in the same order, so
 * that everything after the reader sees no difference between the formats.
 */
public final class DeclarationAssembler {

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final boolean export;
    private final List<String> open = new ArrayList<>();
    private String declarationNo = "";
    private org.edibatch.customs.MessageFunction function = org.edibatch.customs.MessageFunction.ORIGINAL;
    private String dateText;
    private String traderCode;
    private String traderName;
    private String declarantCode;
    private String currencyCode;
    private boolean totalPresent;
    private String totalText;
    private final List<DeclarationItem> items = new ArrayList<>();
    private Item item;

    public DeclarationAssembler(boolean export) {
        this.export = export;
    }

    /** An element in the declaration namespace opens; {@code r} stands on its START_ELEMENT. */
    public void start(String name, XMLStreamReader r) {
        open.add(name);
        if (open.size() == 2 && "GoodsItem".equals(name)) {
            item = new Item();
        } else if (item != null && open.size() == 3) {
            if ("Quantity".equals(name)) {
                item.unit = collapse(r.getAttributeValue(null, "unitCode"));
            } else if ("CustomsValueAmount".equals(name)) {
                item.currency = collapse(r.getAttributeValue(null, "currencyID"));
            }
        }
    }

    /** The element opened last closes with its text content (empty for elements with children). */
    public void end(String text) {
        String name = open.remove(open.size() - 1);
        String parent = open.size() >= 2 ? open.get(1) : null;
        switch (open.size()) {
            case 0 -> { }
            case 1 -> header(name, text);
            case 2 -> {
                if ("GoodsItem".equals(parent) && item != null) {
                    item.field(name, text);
                } else if ("ID".equals(name) && ("Importer".equals(parent) || "Exporter".equals(parent))) {
                    traderCode = collapse(text);
                } else if ("Name".equals(name) && ("Importer".equals(parent) || "Exporter".equals(parent))) {
                    traderName = text;
                } else if ("ID".equals(name) && "Declarant".equals(parent)) {
                    declarantCode = collapse(text);
                }
            }
            default -> {
                if (item != null && "ItemClassificationCode".equals(name)) {
                    item.hsCode = collapse(text);
                }
            }
        }
    }

    private void header(String name, String text) {
        switch (name) {
            case "ID" -> declarationNo = collapse(text);
            case "FunctionCode" -> function = org.edibatch.customs.MessageFunction.ofCode(text.trim());
            case "IssueDate" -> dateText = text.trim();
            case "DeclarationCurrencyCode" -> currencyCode = text.trim();
            case "TotalInvoiceAmount" -> {
                totalPresent = true;
                totalText = text;
            }
            case "GoodsItem" -> {
                if (item != null) {
                    items.add(item.build());
                    item = null;
                }
            }
            default -> { }
        }
    }

    public record Mapped(Declaration declaration, List<ContentError> errors) {
    }

    public Mapped build(String sender) {
        List<ContentError> errors = new ArrayList<>();
        LocalDate date = null;
        if (dateText != null) {
            try {
                date = LocalDate.parse(dateText, ISO_DATE);
            } catch (DateTimeParseException e) {
                errors.add(new ContentError(CustomsErrorCode.INVALID_DATE, "header IssueDate",
                        "'" + dateText + "' is not a date"));
            }
        }
        BigDecimal total = decimal(totalText);
        // CUSDEC states the currency only with the total (MOA+39); without a total the twin has none either
        String currency = totalPresent ? currencyCode : null;
        Declaration d = new Declaration(sender, declarationNo, date, traderCode, traderName, declarantCode,
                currency, total, List.copyOf(items), function);
        errors.addAll(DeclarationMapper.missingFields(d, !errors.isEmpty(), export));
        return new Mapped(d, errors);
    }

    static String collapse(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || (c == ' ' && i + 1 < t.length() && t.charAt(i + 1) == ' ')) {
                return t.replaceAll("\\s+", " ");
            }
        }
        return t;
    }

    static BigDecimal decimal(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class Item {
        int itemNo;
        String hsCode;
        String origin;
        BigDecimal quantity;
        String unit;
        BigDecimal value;
        String currency;

        void field(String name, String text) {
            switch (name) {
                case "SequenceNumeric" -> itemNo = parseInt(text);
                case "OriginCountry" -> origin = text.trim();
                case "Quantity" -> quantity = decimal(text);
                case "CustomsValueAmount" -> value = decimal(text);
                default -> { }
            }
        }

        DeclarationItem build() {
            return new DeclarationItem(itemNo, hsCode, origin, quantity, unit, value, currency);
        }

        private static int parseInt(String v) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}

package org.edibatch.samples.xml;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One ImportDeclaration or ExportDeclaration (KCS-XML-DECL-1) written as text, with the same defaults as
 * {@code Cusdec} so that a declaration built the same way in both is a twin. Text, not a marshaller, on
 * purpose: the bad samples must be able to break any rule.
 */
public final class XmlDeclaration {

    public record Item(String hsCode, String origin, String quantity, String unit, String value, String currency) {
    }

    private final boolean export;
    private String declarationNo;
    private String date = "2026-11-25";
    private String traderCode = "HANBIT001234";
    private String traderName = "HANBIT TRADING CO";
    private String declarantCode;
    private String currency = "USD";
    private String total;
    private final List<Item> items = new ArrayList<>();
    private UnaryOperator<String> damage = UnaryOperator.identity();

    private XmlDeclaration(boolean export, String declarationNo) {
        this.export = export;
        this.declarationNo = declarationNo;
    }

    private String function;

    public static XmlDeclaration importDeclaration(String declarationNo) {
        return new XmlDeclaration(false, declarationNo);
    }

    public static XmlDeclaration exportDeclaration(String declarationNo) {
        return new XmlDeclaration(true, declarationNo);
    }

    /** ISO date (yyyy-MM-dd) as sent; null leaves IssueDate out. */
    /** The message function (FunctionCode, format version 2): 9 original, 5 replacement, 1 cancellation. */
    public XmlDeclaration function(String code) {
        this.function = code;
        return this;
    }

    public XmlDeclaration date(String isoDate) {
        this.date = isoDate;
        return this;
    }

    /** The importer, or the exporter of an export declaration; a null code leaves the party out. */
    public XmlDeclaration trader(String customsCode, String name) {
        this.traderCode = customsCode;
        this.traderName = name;
        return this;
    }

    public XmlDeclaration declarant(String customsCode) {
        this.declarantCode = customsCode;
        return this;
    }

    public XmlDeclaration currency(String currency) {
        this.currency = currency;
        return this;
    }

    /** Overrides TotalInvoiceAmount; by default the sum of the item values, as in Cusdec. "" leaves it out. */
    public XmlDeclaration total(String total) {
        this.total = total;
        return this;
    }

    public XmlDeclaration item(String hsCode, String origin, String quantity, String unit, String value) {
        items.add(new Item(hsCode, origin, quantity, unit, value, null));
        return this;
    }

    /** An item whose value is in another currency than the declaration; null origin or value leaves it out. */
    public XmlDeclaration item(Item item) {
        items.add(item);
        return this;
    }

    /** Applied to this declaration's text: the place for deliberate damage. */
    public XmlDeclaration damage(UnaryOperator<String> damage) {
        this.damage = damage;
        return this;
    }

    public String text() {
        String tag = export ? "ExportDeclaration" : "ImportDeclaration";
        StringBuilder b = new StringBuilder();
        b.append("  <").append(tag).append(">\n");
        b.append("    <ID>").append(Xml.escape(declarationNo)).append("</ID>\n");
        if (function != null) {
            b.append("    <FunctionCode>").append(function).append("</FunctionCode>\n");
        }
        if (date != null) {
            b.append("    <IssueDate>").append(date).append("</IssueDate>\n");
        }
        if (traderCode != null) {
            String party = export ? "Exporter" : "Importer";
            b.append("    <").append(party).append("><ID>").append(Xml.escape(traderCode)).append("</ID>");
            if (traderName != null) {
                b.append("<Name>").append(Xml.escape(traderName)).append("</Name>");
            }
            b.append("</").append(party).append(">\n");
        }
        if (declarantCode != null) {
            b.append("    <Declarant><ID>").append(Xml.escape(declarantCode)).append("</ID></Declarant>\n");
        }
        b.append("    <DeclarationCurrencyCode>").append(currency).append("</DeclarationCurrencyCode>\n");
        String sum = total != null ? total : items.stream().filter(i -> i.value() != null)
                .map(i -> new BigDecimal(i.value())).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
        if (!sum.isEmpty()) {
            b.append("    <TotalInvoiceAmount>").append(sum).append("</TotalInvoiceAmount>\n");
        }
        int n = 1;
        for (Item i : items) {
            b.append("    <GoodsItem>\n");
            b.append("      <SequenceNumeric>").append(n++).append("</SequenceNumeric>\n");
            b.append("      <CommodityClassification><ItemClassificationCode listID=\"HSK\">").append(i.hsCode())
                    .append("</ItemClassificationCode></CommodityClassification>\n");
            if (i.origin() != null) {
                b.append("      <OriginCountry>").append(i.origin()).append("</OriginCountry>\n");
            }
            b.append("      <Quantity unitCode=\"").append(i.unit()).append("\">").append(i.quantity()).append("</Quantity>\n");
            if (i.value() != null) {
                b.append("      <CustomsValueAmount currencyID=\"").append(i.currency() != null ? i.currency() : currency)
                        .append("\">").append(i.value()).append("</CustomsValueAmount>\n");
            }
            b.append("    </GoodsItem>\n");
        }
        b.append("  </").append(tag).append(">\n");
        return damage.apply(b.toString());
    }
}

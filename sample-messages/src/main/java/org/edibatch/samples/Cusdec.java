package org.edibatch.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * A CUSDEC message written segment by segment as text (implementation guide KCS-CUSDEC-1, a subset of D96B). Text, not a
 * validating writer, on purpose: the bad samples must be able to break any rule.
 */
public final class Cusdec {

    public record Item(String hsCode, String origin, String quantity, String unit, String value) {
    }

    private String declarationNo = "DEC0001";
    private String function = "9";
    private String date = "20261125";
    private String importerCode = "HANBIT001234";
    private String importerName = "HANBIT TRADING CO";
    private String declarantCode;
    private String currency = "USD";
    private String total;
    private final List<Item> items = new ArrayList<>();

    public static Cusdec declaration(String declarationNo) {
        Cusdec c = new Cusdec();
        c.declarationNo = declarationNo;
        return c;
    }

    /** The message function (BGM 1225): 9 original (the default), 5 replacement, 1 cancellation. */
    public Cusdec function(String code) {
        this.function = code;
        return this;
    }

    /** A replacement of the declaration of this number. */
    public Cusdec replacement() {
        return function("5");
    }

    /** A cancellation of the declaration of this number. */
    public Cusdec cancellation() {
        return function("1");
    }

    public Cusdec date(String ccyymmdd) {
        this.date = ccyymmdd;
        return this;
    }

    public Cusdec importer(String customsCode, String name) {
        this.importerCode = customsCode;
        this.importerName = name;
        return this;
    }

    public Cusdec declarant(String customsCode) {
        this.declarantCode = customsCode;
        return this;
    }

    public Cusdec currency(String currency) {
        this.currency = currency;
        return this;
    }

    /** Overrides the header total (MOA+39); by default it is the sum of the item values. */
    public Cusdec total(String total) {
        this.total = total;
        return this;
    }

    public Cusdec item(String hsCode, String origin, String quantity, String unit, String value) {
        items.add(new Item(hsCode, origin, quantity, unit, value));
        return this;
    }

    /** The segments between UNH and UNT, each without its terminator, with standard separators. */
    public List<String> body() {
        List<String> s = new ArrayList<>();
        s.add("BGM+929+" + declarationNo + "+" + function);
        s.add("DTM+137:" + date + ":102");
        // D96B 3055 has no code for the customs service: its party codes are a mutually defined list (ZZZ)
        s.add("NAD+IM+" + importerCode + "::ZZZ++" + importerName);
        if (declarantCode != null) {
            s.add("NAD+DT+" + declarantCode + "::ZZZ");
        }
        String sum = total != null ? total : items.stream().map(i -> new java.math.BigDecimal(i.value()))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString();
        s.add("MOA+39:" + sum + ":" + currency);
        s.add("UNS+D");
        int n = 1;
        for (Item i : items) {
            s.add("CST+" + n++ + "+" + i.hsCode());
            s.add("LOC+27+" + i.origin());
            // D96B has no QTY in the item group: the tariff quantity is a measurement (6311 AAR, first specified
            // tariff quantity) with its unit and value in C174
            s.add("MEA+AAR++" + i.unit() + ":" + i.quantity());
            s.add("MOA+38:" + i.value() + ":" + currency);
        }
        s.add("UNS+S");
        s.add("CNT+5:" + items.size());
        return s;
    }
}

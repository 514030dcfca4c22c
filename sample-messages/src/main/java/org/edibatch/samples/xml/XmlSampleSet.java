package org.edibatch.samples.xml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.edibatch.samples.SampleSet;

/**
 * The XML sample set (KCS-XML-DECL-1): twins of the good EDIFACT samples, an export, one batch per content
 * error, per schema error and per refusal (malformed, DOCTYPE/entity attacks, limits). Each bad batch of
 * declarations holds good ones around the bad one, to show one bad declaration does not stop the others.
 *
 * <p>The twins of good-hanbit-001.edi (HB2611250001..3) are sent by {@link #TWIN_SENDER}, a registered
 * broker, so that both files can be posted in one database: the same number from the same sender would be a
 * duplicate (C150). {@link #hanbitTwins(String, String)} makes them for any sender.
 */
public final class XmlSampleSet {

    public static final String TWIN_SENDER = "MIRAECS";

    private XmlSampleSet() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-messages/xml");
        Map<String, byte[]> files = generate();
        SampleSet.write(dir, files);
        System.out.println(files.size() + " XML sample files written to " + dir.toAbsolutePath());
    }

    /** good-hanbit-001.edi's declarations, field for field (Cusdec's defaults: 2026-11-25, HANBIT001234, USD). */
    public static List<XmlDeclaration> hanbitDeclarations() {
        return List.of(
                XmlDeclaration.importDeclaration("HB2611250001").item("8471300000", "CN", "10", "PCE", "10000.00"),
                XmlDeclaration.importDeclaration("HB2611250002").item("6109100000", "VN", "500", "PCE", "2500.00")
                        .item("6110200000", "VN", "200", "PCE", "1800.50"),
                XmlDeclaration.importDeclaration("HB2611250003").item("2204210000", "FR", "120", "LTR", "1500.00"));
    }

    public static byte[] hanbitTwins(String sender, String batchId) {
        XmlBatch b = XmlBatch.from(sender, batchId);
        hanbitDeclarations().forEach(b::declaration);
        return b.bytes();
    }

    static XmlDeclaration filler(String no) {
        return XmlDeclaration.importDeclaration(no).item("9503003900", "CN", "100", "PCE", "800.00");
    }

    /** An external general entity at {@code url}, used in a field the answer would echo. */
    public static byte[] xxe(String url) {
        return XmlBatch.from("HANBITTRD", "XX0003")
                .prolog("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE DeclarationBatch [\n"
                        + "  <!ENTITY xxe SYSTEM \"" + url + "\">\n]>\n")
                .declaration(filler("XX30000001").damage(t -> t.replace("<Name>HANBIT TRADING CO</Name>", "<Name>&xxe;</Name>")))
                .bytes();
    }

    /** The DTD itself is external. */
    public static byte[] externalDtd(String url) {
        return XmlBatch.from("HANBITTRD", "XX0004")
                .prolog("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE DeclarationBatch SYSTEM \"" + url + "\">\n")
                .declaration(filler("XX40000001")).bytes();
    }

    /** A parameter entity pulled in inside the internal subset (the out-of-band exfiltration pattern). */
    public static byte[] parameterEntity(String url) {
        return XmlBatch.from("HANBITTRD", "XX0005")
                .prolog("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE DeclarationBatch [\n"
                        + "  <!ENTITY % remote SYSTEM \"" + url + "\">\n  %remote;\n]>\n")
                .declaration(filler("XX50000001")).bytes();
    }

    public static byte[] billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE DeclarationBatch [\n");
        dtd.append("  <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("  <!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        dtd.append("]>\n");
        return XmlBatch.from("HANBITTRD", "XX0006").prolog(dtd.toString())
                .declaration(filler("XX60000001").damage(t -> t.replace("<Name>HANBIT TRADING CO</Name>", "<Name>&lol9;</Name>"))).bytes();
    }

    private static XmlDeclaration shirts(String number, String function, String usd) {
        return XmlDeclaration.importDeclaration(number).function(function).date("2026-11-25")
                .trader("HANBIT001234", "HANBIT TRADING CO").item("6109100000", "CN", "100", "PCE", usd);
    }

    public static Map<String, byte[]> generate() {
        Map<String, byte[]> f = new LinkedHashMap<>();

        // ---- good ------------------------------------------------------------------------------------
        f.put("good-xml-hanbit-twin-001.xml", hanbitTwins(TWIN_SENDER, "XHB0001"));
        f.put("good-xml-export-002.xml", XmlBatch.from("HANBITTRD", "XEX0001")
                .declaration(XmlDeclaration.exportDeclaration("HE2611250001").declarant("MIRAECS00002")
                        .item("8471300000", "KR", "50", "PCE", "42000.00")
                        .item("8517130000", "KR", "200", "PCE", "88000.00"))
                .declaration(filler("HX2611250001")).bytes());
        // Format version 2 (FunctionCode): T-shirts 1,000.00 USD (value 1,398,500; duty 181,805; VAT 158,030) replaced
        // by 500.00 USD (value 699,250; duty 90,902; VAT 79,015: 169,918 to refund); a laptop (VAT 139,850) cancelled.
        f.put("amend-xml-v2-003.xml", XmlBatch.from("HANBITTRD", "XAM0001").version2()
                .declaration(shirts("HX2611259201", "9", "1000.00"))
                .declaration(shirts("HX2611259201", "5", "500.00"))
                .declaration(XmlDeclaration.importDeclaration("HX2611259202").function("9").date("2026-11-25")
                        .trader("HANBIT001234", "HANBIT TRADING CO").item("8471300000", "CN", "1", "PCE", "1000.00"))
                .declaration(XmlDeclaration.importDeclaration("HX2611259202").function("1").date("2026-11-25")
                        .trader("HANBIT001234", "HANBIT TRADING CO").item("8471300000", "CN", "1", "PCE", "1000.00"))
                .bytes());

        // ---- bad content: one per code, declarations 1 and 3 are good ----------------------------------
        f.put("bad-xml-content-c100-missing-importer.xml", threeWith("XC100",
                filler("XC1000000002").trader(null, null)));
        f.put("bad-xml-content-c101-invalid-date.xml", threeWith("XC101",
                filler("XC1010000002").date("2026-11-31")));
        f.put("bad-xml-content-c110-unknown-importer.xml", threeWith("XC110",
                filler("XC1100000002").trader("NOSUCH000000", "NO SUCH IMPORTER")));
        f.put("bad-xml-content-c111-importer-suspended.xml", threeWith("XC111",
                filler("XC1110000002").trader("SUSPIM099999", "SUSPENDED IMPORTS CO")));
        f.put("bad-xml-content-c120-unknown-hs-code.xml", threeWith("XC120",
                XmlDeclaration.importDeclaration("XC1200000002").item("9999999999", "CN", "100", "PCE", "800.00")));
        f.put("bad-xml-content-c130-missing-exchange-rate.xml", threeWith("XC130",
                XmlDeclaration.importDeclaration("XC1300000002").currency("GBP").date("2026-11-10")
                        .item("9503003900", "GB", "100", "PCE", "800.00")));
        f.put("bad-xml-content-c140-totals-mismatch.xml", threeWith("XC140",
                XmlDeclaration.importDeclaration("XC1400000002").total("900.00")
                        .item("9503003900", "CN", "100", "PCE", "800.00").item("9503003900", "CN", "10", "PCE", "80.00")));
        f.put("bad-xml-content-c141-currency-mismatch.xml", threeWith("XC141",
                XmlDeclaration.importDeclaration("XC1410000002").total("800.00")
                        .item(new XmlDeclaration.Item("9503003900", "CN", "100", "PCE", "800.00", "EUR"))));
        f.put("bad-xml-content-c150-duplicate-declaration.xml", XmlBatch.from("HANBITTRD", "XC150")
                .declaration(filler("XC1500000001")).declaration(filler("XC1500000002"))
                .declaration(filler("XC1500000001")).bytes());

        // ---- bad schema (X002): the middle declaration is rejected, the others stand --------------------
        f.put("bad-xml-x002-missing-element.xml", threeWith("XS001", filler("XS0010000002")
                .damage(t -> t.replaceAll("(?s)<CommodityClassification>.*?</CommodityClassification>\n\\s*", ""))));
        f.put("bad-xml-x002-bad-type.xml", threeWith("XS002", filler("XS0020000002")
                .damage(t -> t.replace(">100</Quantity>", ">1O0</Quantity>"))));
        f.put("bad-xml-x002-unknown-element.xml", threeWith("XS003", filler("XS0030000002")
                .damage(t -> t.replace("</Quantity>\n", "</Quantity>\n      <Colour>red</Colour>\n"))));
        // no SenderID: the batch cannot be answered per declaration, it is refused whole
        f.put("bad-xml-x002-header-missing-sender.xml", XmlBatch.from("HANBITTRD", "XS004")
                .declaration(filler("XS0040000001"))
                .rewrite(t -> t.replace("  <SenderID>HANBITTRD</SenderID>\n", "")).bytes());

        // ---- refused whole -----------------------------------------------------------------------------
        f.put("bad-xml-x001-not-well-formed.xml", XmlBatch.from("HANBITTRD", "XW001")
                .declaration(filler("XW0010000001"))
                .declaration(filler("XW0010000002").damage(t -> t.replace("</GoodsItem>", "</GoodsItm>")))
                .bytes());
        f.put("bad-xml-x003-xxe-file.xml", xxe("file:///etc/passwd"));
        f.put("bad-xml-x003-xxe-http.xml", xxe("http://127.0.0.1:8089/xxe"));
        f.put("bad-xml-x003-external-dtd.xml", externalDtd("http://127.0.0.1:8089/batch.dtd"));
        f.put("bad-xml-x003-parameter-entity.xml", parameterEntity("http://127.0.0.1:8089/remote.dtd"));
        f.put("bad-xml-x003-billion-laughs.xml", billionLaughs());
        f.put("bad-xml-x004-depth.xml", threeWith("XL001", filler("XL0010000002")
                .damage(t -> t.replace("</Quantity>\n", "</Quantity>\n" + "<Box>".repeat(100) + "</Box>".repeat(100) + "\n"))));
        f.put("bad-xml-x004-text-length.xml", threeWith("XL002", filler("XL0020000002")
                .trader("HANBIT001234", "A".repeat(100_000))));
        return f;
    }

    private static byte[] threeWith(String batchId, XmlDeclaration middle) {
        return XmlBatch.from("HANBITTRD", batchId)
                .declaration(filler(batchId + "0000001"))
                .declaration(middle)
                .declaration(filler(batchId + "0000003"))
                .bytes();
    }
}

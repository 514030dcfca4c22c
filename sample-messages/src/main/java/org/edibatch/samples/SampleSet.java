package org.edibatch.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo and test sample set: good CUSDEC interchanges and one bad interchange per syntax error (0085)
 * and per content error the product must name. Each bad interchange also carries good messages, to show that
 * one bad message does not stop the others. {@code main(dir)} writes the set; the files in
 * sample-messages/edifact/ were made by it.
 */
public final class SampleSet {

    private SampleSet() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-messages/edifact");
        Map<String, byte[]> files = generate();
        write(dir, files);
        System.out.println(files.size() + " sample files written to " + dir.toAbsolutePath());
    }

    public static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    /** Good declarations of Hanbit Trading (USD, week of 2026-11-22: 1,398.50 KRW). */
    static Cusdec laptops() {
        return Cusdec.declaration("HB2611250001").item("8471300000", "CN", "10", "PCE", "10000.00");
    }

    static Cusdec shirts() {
        return Cusdec.declaration("HB2611250002").item("6109100000", "VN", "500", "PCE", "2500.00")
                .item("6110200000", "VN", "200", "PCE", "1800.50");
    }

    static Cusdec wine() {
        return Cusdec.declaration("HB2611250003").item("2204210000", "FR", "120", "LTR", "1500.00");
    }

    static Cusdec filler(String no) {
        return Cusdec.declaration(no).item("9503003900", "CN", "100", "PCE", "800.00");
    }

    public static Map<String, byte[]> generate() {
        Map<String, byte[]> f = new LinkedHashMap<>();

        // ---- good ------------------------------------------------------------------------------------
        f.put("good-hanbit-001.edi", Interchange.from("HANBITTRD", "HB0001")
                .message(laptops()).message(shirts()).message(wine()).bytes());
        f.put("good-seoulelec-002.edi", Interchange.from("SEOULELEC", "SE0001")
                .message(Cusdec.declaration("SE2611250001").importer("SEOULEL05678", "SEOUL ÉLECTRONIQUE IMPORT")
                        .currency("EUR").item("8517130000", "VN", "300", "PCE", "120000.00")
                        .item("8518300000", "CN", "1000", "PCE", "15000.00"))
                .bytes());
        f.put("good-broker-003.edi", Interchange.from("DAEHANCB", "DH0001")
                // poor-history importer (R06, 40): yellow
                .message(Cusdec.declaration("DH2611250001").importer("INCHAP034567", "INCHEON AUTO PARTS")
                        .declarant("DAEHANCB0001").item("4011100000", "CN", "400", "PCE", "16000.00"))
                // gold (R02, 40) from a high-risk origin (R05, 40): red
                .message(Cusdec.declaration("DH2611250002").importer("GANGNL077889", "GANGNAM LUXURY GOODS")
                        .declarant("DAEHANCB0001").item("7108130000", "AF", "1000", "GRM", "70000.00"))
                // watches far below the reference price (R07, 50): yellow
                .message(Cusdec.declaration("DH2611250003").importer("GANGNL077889", "GANGNAM LUXURY GOODS")
                        .declarant("DAEHANCB0001").item("9102110000", "CH", "100", "PCE", "1000.00"))
                .bytes());
        f.put("good-una-release-004.edi", Interchange.from("BUSANFF", "BF0001").withUna()
                .message(Cusdec.declaration("BF2611250001").importer("BUSANFF09012", "BUSAN FRESH O?'NEIL ?+ SONS")
                        .item("0805100000", "US", "20000", "KGM", "31000.00"))
                .bytes());
        f.put("good-unoy-005.edi", Interchange.from("MIRAECS", "MC0001").syntax("UNOY", "4")
                .message(Cusdec.declaration("MC2611250001").importer("HANBIT001234", "한빛무역 주식회사")
                        .declarant("MIRAECS00002").currency("JPY").item("9504500000", "JP", "50", "PCE", "2250000"))
                .bytes());

        // ---- bad syntax: one interchange per 0085 code; messages 1 and 3 are good ---------------------
        f.put("bad-0085-12-invalid-value.edi", threeWith("HANBITTRD", "B12", "BX12",
                body("BX120002", b -> b.replace("BGM+929+BX120002+9", "BGM+929+BX120002+99"))));
        f.put("bad-0085-13-missing.edi", threeWith("HANBITTRD", "B13", "BX13",
                body("BX130002", b -> b.replace("BGM+929+BX130002+9'\n", ""))));
        f.put("bad-0085-16-too-many-constituents.edi", threeWith("HANBITTRD", "B16", "BX16",
                body("BX160002", b -> b.replace("DTM+137:20261125:102", "DTM+137:20261125:102+EXTRA"))));
        f.put("bad-0085-21-invalid-character.edi", Interchange.from("HANBITTRD", "B21").syntax("UNOA", "3")
                .message(filler("BX210001")).message(Cusdec.declaration("BX210002").importer("HANBIT001234", "Hanbit lowercase")
                        .item("9503003900", "CN", "100", "PCE", "800.00")).message(filler("BX210003")).bytes());
        f.put("bad-0085-26-duplicate-message-ref.edi", Interchange.from("HANBITTRD", "B26")
                .message("1", filler("BX260001").body()).message("2", filler("BX260002").body())
                .message("2", filler("BX260003").body()).bytes());
        f.put("bad-0085-28-unt-reference.edi", Interchange.from("HANBITTRD", "B28")
                .message(filler("BX280001")).message(filler("BX280002")).message(filler("BX280003"))
                .rewrite(t -> t.replace("UNT+13+2'", "UNT+13+9'")).bytes());
        f.put("bad-0085-29-unt-count.edi", Interchange.from("HANBITTRD", "B29")
                .message(filler("BX290001")).message(filler("BX290002")).message(filler("BX290003"))
                .rewrite(t -> t.replace("UNT+13+2'", "UNT+14+2'")).bytes());
        f.put("bad-0085-35-too-many-repetitions.edi", threeWith("HANBITTRD", "B35", "BX35",
                body("BX350002", b -> b.replace("DTM+137:20261125:102'\n", "DTM+137:20261125:102'\n".repeat(6)))));
        f.put("bad-0085-37-invalid-character-type.edi", threeWith("HANBITTRD", "B37", "BX37",
                body("BX370002", b -> b.replace("MEA+AAR++PCE:100", "MEA+AAR++PCE:1O0"))));
        f.put("bad-0085-39-too-long.edi", threeWith("HANBITTRD", "B39", "BX39",
                body("BX390002", b -> b.replace("BGM+929+BX390002+9", "BGM+929+BX390002ABCDEFGHIJKLMNOPQRSTUVWXYZ0123+9"))));
        f.put("bad-0085-40-too-short.edi", threeWith("HANBITTRD", "B40", "BX40",
                body("BX400002", b -> b.replace("DTM+137:20261125:102", "DTM+137:2026112:102"))));
        f.put("bad-0085-45-trailing-separator.edi", threeWith("HANBITTRD", "B45", "BX45",
                body("BX450002", b -> b.replace("CNT+5:1", "CNT+5:1+"))));
        f.put("bad-0085-29-unz-count.edi", Interchange.from("HANBITTRD", "BZ29")
                .message(filler("BZ290001")).message(filler("BZ290002")).unzCount(3).bytes());
        f.put("bad-0085-28-unz-reference.edi", Interchange.from("HANBITTRD", "BZ28")
                .message(filler("BZ280001")).unzReference("BZ99").bytes());
        f.put("bad-0085-23-unknown-sender.edi", Interchange.from("NOBODYCO", "BU23")
                .message(filler("BU230001")).bytes());
        f.put("bad-not-edifact.txt", "Dear customs,\nplease find our declaration attached.\n"
                .getBytes(StandardCharsets.UTF_8));

        // ---- bad content: messages 1 and 3 are good ---------------------------------------------------
        f.put("bad-content-unknown-importer.edi", threeWith("HANBITTRD", "C110", "CX110",
                Cusdec.declaration("CX1100002").importer("NOSUCH000000", "NO SUCH IMPORTER")
                        .item("9503003900", "CN", "100", "PCE", "800.00").body()));
        f.put("bad-content-unknown-hs-code.edi", threeWith("HANBITTRD", "C120", "CX120",
                Cusdec.declaration("CX1200002").item("9999999999", "CN", "100", "PCE", "800.00").body()));
        f.put("bad-content-missing-exchange-rate.edi", threeWith("HANBITTRD", "C130", "CX130",
                Cusdec.declaration("CX1300002").currency("GBP").date("20261110")
                        .item("9503003900", "GB", "100", "PCE", "800.00").body()));
        f.put("bad-content-totals-mismatch.edi", threeWith("HANBITTRD", "C140", "CX140",
                Cusdec.declaration("CX1400002").total("900.00").item("9503003900", "CN", "100", "PCE", "800.00")
                        .item("9503003900", "CN", "10", "PCE", "80.00").body()));
        f.put("bad-content-duplicate-declaration.edi", Interchange.from("HANBITTRD", "C150")
                .message(filler("CX1500001")).message(filler("CX1500002")).message(filler("CX1500001")).bytes());
        amendments(f);
        return f;
    }

    /**
     * Replacements and cancellations (BGM 1225 5 and 1) of Hanbit Trading, in files claimed in name order, so
     * each amends what an earlier file (or message) filed. USD at 1,398.50 KRW, VAT 10 %, won rounded down:
     * <ul>
     * <li>9101: 4 laptops, 4,000.00 USD (value 5,594,000, no duty, VAT 559,400), replaced with the HS code of
     * T-shirts (13 %: duty 727,220, VAT 632,122, owed 1,359,342: 799,942 more to pay);</li>
     * <li>9102: T-shirts 5,000.00 USD (value 6,992,500, duty 909,025, VAT 790,152, owed 1,699,177), replaced
     * with a value of 4,000.00 USD (owed 1,359,342: 339,835 to refund);</li>
     * <li>9103: a laptop, 1,000.00 USD (VAT 139,850), cancelled;</li>
     * <li>9104: a chain in one file: 100.00 USD of T-shirts (owed 33,983), replaced by 200.00 (67,967), by
     * 300.00 (101,950), cancelled (0);</li>
     * <li>the refusals: a number never filed (C170), a cancelled one replaced or cancelled again (C171), an
     * original of a number taken (C150), another sender's number (C170 within one night: the other sender's
     * claims are looked up in earlier runs only, C172 then).</li>
     * </ul>
     */
    static void amendments(Map<String, byte[]> f) {
        f.put("amend-1-originals.edi", Interchange.from("HANBITTRD", "AM0001")
                .message(Cusdec.declaration("HB2611259101").item("8471300000", "CN", "4", "PCE", "4000.00"))
                .message(Cusdec.declaration("HB2611259102").item("6109100000", "VN", "1000", "PCE", "5000.00"))
                .message(Cusdec.declaration("HB2611259103").item("8471300000", "CN", "1", "PCE", "1000.00"))
                .bytes());
        f.put("amend-2-changes.edi", Interchange.from("HANBITTRD", "AM0002")
                .message(Cusdec.declaration("HB2611259101").replacement()
                        .item("6109100000", "CN", "400", "PCE", "4000.00"))
                .message(Cusdec.declaration("HB2611259102").replacement()
                        .item("6109100000", "VN", "1000", "PCE", "4000.00"))
                .message(Cusdec.declaration("HB2611259103").cancellation()
                        .item("8471300000", "CN", "1", "PCE", "1000.00"))
                .bytes());
        f.put("amend-3-chain.edi", Interchange.from("HANBITTRD", "AM0003")
                .message(chain("9", "100.00")).message(chain("5", "200.00")).message(chain("5", "300.00"))
                .message(chain("1", "300.00")).bytes());
        f.put("amend-4-refusals.edi", Interchange.from("HANBITTRD", "AM0004")
                .message(Cusdec.declaration("HB2611259199").replacement().item("8471300000", "CN", "1", "PCE", "1000.00"))
                .message(Cusdec.declaration("HB2611259103").cancellation().item("8471300000", "CN", "1", "PCE", "1000.00"))
                .message(chain("5", "400.00"))
                .message(Cusdec.declaration("HB2611259101").item("8471300000", "CN", "4", "PCE", "4000.00"))
                .bytes());
        f.put("amend-5-other-sender.edi", Interchange.from("SEOULELEC", "AM0005")
                .message(Cusdec.declaration("HB2611259101").replacement().importer("SEOULEL05678", "SEOUL ELECTRONICS")
                        .item("8471300000", "CN", "4", "PCE", "4000.00"))
                .bytes());
    }

    private static Cusdec chain(String function, String usd) {
        return Cusdec.declaration("HB2611259104").function(function).item("6109100000", "VN", "100", "PCE", usd);
    }

    private static List<String> body(String declarationNo, java.util.function.UnaryOperator<String> damage) {
        String text = String.join("'\n", filler(declarationNo).body()) + "'\n";
        String damaged = damage.apply(text);
        return List.of(damaged.substring(0, damaged.length() - 2).split("'\n", -1));
    }

    private static byte[] threeWith(String sender, String ref, String prefix, List<String> middle) {
        return Interchange.from(sender, ref)
                .message(filler(prefix + "0001")).message("2", middle).message("3", filler(prefix + "0003").body())
                .bytes();
    }
}

package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.support.Cli;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agency's and bidders' commands as their users run them, each in its own JVM: a demo PKI, tender notices
 * published from terms and from an existing notice file, bids sealed as XML and EDIFACT, checked before sending,
 * then the night's intake and opening. The clock stands at 2026-11-28 10:00 KST, the tenders' deadline (inclusive)
 * and opening time. T1's notice carries its draw seed, so its reserve is known (497,035,223): bids at 450, 475
 * and 485 million are eligible, and the lowest passes the qualification review and wins. One at 300 million is
 * below the lower limit, so the opening exits 2. T3, with no bid, fails and is announced again.
 */
@SlowTest
class BidderCommandsTest {

    private static final String T1 = "T2026-0001";
    private static final String T3 = "T2026-0103";
    private static final String AT = "--at=" + TestApp.FIXED_CLOCK;

    @Test
    void publishSealVerifyIntakeAndOpeningEndToEnd(@TempDir Path home) throws Exception {
        Path pki = home.resolve("pki");
        Path tenders = home.resolve("procurement/tenders-inbox");
        Path bids = home.resolve("procurement/bids-inbox");
        Path scratch = Files.createDirectories(home.resolve("scratch"));
        ok(Cli.run("pki", "init", pki.toString(), "--now=" + TestApp.FIXED_CLOCK));
        assertThat(pki.resolve("parties/AG-PPS.p12")).exists();
        assertThat(pki.resolve("parties/V001.p12")).exists();
        assertThat(pki.resolve("parties/agency-encryption.p12")).exists();
        String encryptionCert = pki.resolve("certs/agency-encryption.pem").toString();
        String agencyKey = pki.resolve("parties/AG-PPS.p12").toString();

        // a notice from its terms, straight into the tenders inbox
        Cli.Result published = Cli.run("tender", "publish", agencyKey, "changeit", "--id=" + T3, "--agency=AG-PPS",
                "--title=Road works & drainage", "--kind=CONSTRUCTION", "--base-amount=500000000",
                "--issue-date=2026-11-20", "--deadline=2026-11-28T10:00:00+09:00", "--opening=2026-11-28T10:00:00+09:00",
                "--encryption-cert=" + encryptionCert, "--to=" + tenders);
        ok(published);
        assertThat(published.output()).contains("published " + tenders.resolve(T3 + ".xml"));
        assertThat(tenders.resolve(T3 + ".xml.p7s")).exists();
        assertThat(Files.readString(tenders.resolve(T3 + ".xml"))).contains("<EncryptionCertificate>");
        // an unsigned notice without a certificate (as a re-tender notice is written), published as it stands; its
        // draw seed makes the reserve the one worked out in ProcurementJobsTest (same id, seed, terms and picked
        // bands 1, 3, 7, 12): 497,035,223, lower limit 446,064,260.88
        Path unsigned = Files.write(scratch.resolve("retender.xml"), ProcurementSamples.tender(T1, "2026-11-20",
                "AG-PPS", "CONSTRUCTION", 500_000_000L, 2, "2026-11-28T10:00:00+09:00", "2026-11-28T10:00:00+09:00",
                "SEED-T1"));
        ok(Cli.run("tender", "publish", agencyKey, "changeit", "--notice=" + unsigned,
                "--encryption-cert=" + encryptionCert, "--to=" + tenders));
        assertThat(Files.readString(tenders.resolve(T1 + ".xml"))).contains("<EncryptionCertificate>");
        // a published notice altered afterwards
        ok(Cli.run("tender", "publish", agencyKey, "changeit", "--id=T2026-0102", "--agency=AG-PPS", "--title=Bridge",
                "--kind=CONSTRUCTION", "--base-amount=600000000", "--issue-date=2026-11-20",
                "--deadline=2026-11-28T10:00:00+09:00", "--opening=2026-11-29T10:00:00+09:00",
                "--encryption-cert=" + encryptionCert, "--to=" + scratch));
        Files.writeString(tenders.resolve("T2026-0102.xml"), Files.readString(scratch.resolve("T2026-0102.xml"))
                .replace("600000000", "900000000"));
        Files.copy(scratch.resolve("T2026-0102.xml.p7s"), tenders.resolve("T2026-0102.xml.p7s"));

        String notice = "--notice=" + tenders.resolve(T1 + ".xml");
        // qualification review (2026 construction rule, 70 - 4 x |90 - ratio %|, pass 95): 450,000,000 / 497,035,223
        // = 0.9054 -> 70 - 4 x 0.54 = 67.84 price points + V001's 28.00 = 95.84: V001 passes and wins
        ok(Cli.run("bid", "seal", pki.resolve("parties/V001.p12").toString(), "changeit", "--bidder=V001",
                "--price=450000000", "--picks=3,7", notice, "--to=" + bids));
        ok(Cli.run("bid", "seal", pki.resolve("parties/V003.p12").toString(), "changeit", "--bidder=V003",
                "--price=475000000", "--picks=3,12", "--tender=" + T1, "--agency-cert=" + encryptionCert,
                "--format=EDIFACT", "--to=" + bids));
        ok(Cli.run("bid", "seal", pki.resolve("parties/V005.p12").toString(), "changeit", "--bidder=V005",
                "--price=485000000", "--picks=7,12", notice, "--to=" + bids));
        // below any lower limit (490M x 89.745% = 439.7M at the least): refused at opening, O20
        ok(Cli.run("bid", "seal", pki.resolve("parties/V006.p12").toString(), "changeit", "--bidder=V006",
                "--price=300000000", "--picks=1,2", notice, "--to=" + bids));
        ok(Cli.run("bid", "seal", pki.resolve("parties/V002.p12").toString(), "changeit", "--bidder=V002",
                "--price=470000000", "--picks=1,5", notice, "--to=" + bids));
        Path tampered = bids.resolve("V002-" + T1 + ".xml");
        Files.writeString(tampered, Files.readString(tampered).replace("<PreliminaryPriceChoice>5<",
                "<PreliminaryPriceChoice>6<"));
        assertThat(bids.resolve("V003-" + T1 + ".edi")).content(StandardCharsets.ISO_8859_1)
                .startsWith("UNB+UNOC:3+V003+KONEPS+").contains("RFF+CT:" + T1);

        // the bidders check their files before sending
        Cli.Result good = Cli.run("bid", "verify", bids.resolve("V001-" + T1 + ".xml").toString(), notice,
                "--pki=" + pki, AT);
        assertThat(good.code()).as(good.output()).isEqualTo(ExitCodes.OK);
        assertThat(good.output()).contains("signature: verified").contains("the intake would accept it");
        Cli.Result goodEdi = Cli.run("bid", "verify", bids.resolve("V003-" + T1 + ".edi").toString(),
                "--agency-cert=" + encryptionCert, "--pki=" + pki, AT);
        assertThat(goodEdi.code()).as(goodEdi.output()).isEqualTo(ExitCodes.OK);
        Cli.Result bad = Cli.run("bid", "verify", tampered.toString(), notice, "--pki=" + pki, AT);
        assertThat(bad.code()).as(bad.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(bad.output()).contains("B31 The bid's signature did not verify. (DIGEST_MISMATCH)")
                .contains("the intake would refuse it with B31");
        Cli.Result wrongAgency = Cli.run("bid", "verify", bids.resolve("V001-" + T1 + ".xml").toString(),
                "--agency-cert=" + pki.resolve("certs/V009.pem"), "--pki=" + pki, AT);
        assertThat(wrongAgency.code()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(wrongAgency.output()).contains("O10 ");

        String db = TestDatabase.freshDatabaseUrl();
        List<String> night = List.of("--spring.datasource.url=" + db, "--edibatch.home=" + home,
                "--edibatch.fixed-clock=" + TestApp.FIXED_CLOCK, "--edibatch.trust.anchors=" + pki.resolve("trust"),
                "--edibatch.trust.crls=" + pki.resolve("crl"),
                "--edibatch.procurement.agency-keystore=" + pki.resolve("parties/agency-encryption.p12"),
                "--edibatch.procurement.agency-keystore-password=changeit");
        Cli.Result intake = Cli.run(args("run", "bid-intake", night));
        assertThat(intake.code()).as(intake.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        Cli.Result opening = Cli.run(args("run", "bid-opening", night));
        assertThat(opening.code()).as("O20 refuses a bid: exit 2\n" + opening.output())
                .isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);

        try (Connection c = DriverManager.getConnection(db)) {
            assertThat(strings(c, "SELECT tender_id FROM tender ORDER BY tender_id")).containsExactly(T1, T3);
            assertThat(strings(c, "SELECT reason_code FROM inbound_file WHERE original_name = 'T2026-0102.xml'"))
                    .containsExactly("T31");
            assertThat(strings(c, "SELECT bidder_id || ':' || status || ':' || COALESCE(reason_code, '-') FROM bid "
                    + "ORDER BY bidder_id")).containsExactly("V001:RECEIVED:-", "V002:REJECTED:B31",
                    "V003:RECEIVED:-", "V005:RECEIVED:-", "V006:RECEIVED:-");
            // T3 had no bid: fewer than two valid bids, failed (F10) and announced again
            assertThat(strings(c, "SELECT code FROM exception_item WHERE category = 'OPENING' ORDER BY code"))
                    .containsExactly("F10", "O20");
            assertThat(strings(c, "SELECT l.account_code || ':' || l.party_id || ':' || l.debit::bigint || ':' "
                    + "|| l.credit::bigint FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                    + "WHERE e.idempotency_key = 'AWARD:" + T1 + "' ORDER BY l.line_no"))
                    .containsExactly("5300:AG-PPS:450000000:0", "2300:V001:0:450000000");
        }
        assertThat(only(home.resolve("outbox/V001"), "RECEIPT_" + T1 + "_")).contains("<Status>ACCEPTED</Status>");
        assertThat(only(home.resolve("outbox/V002"), "RECEIPT_" + T1 + "_")).contains("code=\"B31\"");
        assertThat(only(home.resolve("outbox/V003"), "APERAK_")).contains("RFF+CT:" + T1).contains("+29'");
        for (String v : List.of("V001", "V005", "V006")) {
            assertThat(home.resolve("outbox/" + v + "/AWARD_" + T1 + ".xml")).content()
                    .contains("<TendererPartyID>V001</TendererPartyID>");
        }
    }

    private static void ok(Cli.Result r) {
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.OK);
    }

    private static String[] args(String a, String b, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(a, b));
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    /** The one file in {@code dir} whose name starts with {@code prefix}, as text. */
    private static String only(Path dir, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(found).as(dir + "/" + prefix + "*").hasSize(1);
            return Files.readString(found.get(0), StandardCharsets.ISO_8859_1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}

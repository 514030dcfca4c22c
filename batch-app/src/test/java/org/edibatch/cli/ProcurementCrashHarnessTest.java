package org.edibatch.cli;

import org.edibatch.procurement.PriceSeal;
import org.edibatch.procurement.TenderNotices;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Cli;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of procurement: {@code run bid-intake} then {@code run bid-opening}, killed with SIGKILL at the
 * points of their steps, then run again as an operator would (the killed command, then the opening if it was the
 * intake that was killed). Everything users see must equal an uninterrupted night: what CrashHarnessTest compares
 * plus bids, receipts, the draw, the openings, the award (posted once), notices and the re-tender notice.
 *
 * <p>The night: T2026-0001 with five bids (one in EDIFACT, one below the lower limit, one above the reserve),
 * awarded to V001 after qualification review; T2026-0003 with a single bid, failed and announced again; one
 * unsigned bid (B30). The bids are sealed once (a seal is random) and copied into every run's home.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ProcurementCrashHarnessTest {

    private static final String CLOCK = "2026-11-28T01:00:00Z";
    private static final String T1 = "T2026-0001";
    private static final String T3 = "T2026-0003";
    private Path template;
    private Snapshot reference;

    /** RunSnapshot and the procurement tables, with paths relative to the run's home. */
    private record Snapshot(RunSnapshot run, Map<String, List<Map<String, Object>>> tables) {

        void assertSameAs(Snapshot ref) {
            run.assertSameAs(ref.run);
            tables.forEach((name, rows) -> assertThat(rows).as(name).isEqualTo(ref.tables.get(name)));
        }
    }

    private static final Map<String, String> TABLES = Map.of(
            "tender", "SELECT tender_id, run_id, file_name, status, lower_limit_rate, draw_seed FROM tender ORDER BY 1",
            "bid", "SELECT id, file_id, run_id, format, tender_id, bidder_id, status, reason_code, received_at, pick1, "
                    + "pick2, md5(sealed_price) AS sealed FROM bid ORDER BY id",
            "bid_receipt", "SELECT bid_id, receipt_no, file_sha256, replace(answer_path, ?, 'HOME') AS answer_path, "
                    + "answer_sha256 FROM bid_receipt ORDER BY bid_id",
            "tender_draw", "SELECT * FROM tender_draw ORDER BY tender_id, band",
            "bid_opening", "SELECT * FROM bid_opening ORDER BY bid_id",
            "award", "SELECT * FROM award ORDER BY tender_id",
            "award_notice", "SELECT tender_id, bidder_id, replace(path, ?, 'HOME') AS path, sha256 FROM award_notice "
                    + "ORDER BY 1, 2",
            "retender_notice", "SELECT tender_id, retender_id, replace(path, ?, 'HOME') AS path, sha256 "
                    + "FROM retender_notice ORDER BY 1");

    private static Snapshot snapshot(String db, Path home) throws Exception {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            Map<String, List<Map<String, Object>>> tables = new java.util.TreeMap<>();
            TABLES.forEach((name, sql) -> tables.put(name, sql.contains("?")
                    ? jdbc.queryForList(sql, home.toString()) : jdbc.queryForList(sql)));
            return new Snapshot(RunSnapshot.of(jdbc, home), tables);
        } finally {
            ds.destroy();
        }
    }

    private List<String> args(String job, Path home, String db, String... extra) {
        Path pki = home.resolve("pki");
        List<String> a = new ArrayList<>(List.of("run", job, "--edibatch.home=" + home, "--spring.datasource.url=" + db,
                "--edibatch.fixed-clock=" + CLOCK, "--edibatch.signature.required=true",
                "--edibatch.trust.anchors=" + pki.resolve("trust"), "--edibatch.trust.crls=" + pki.resolve("crl"),
                "--edibatch.procurement.agency-keystore=" + pki.resolve("parties").resolve(DemoPki.ENCRYPTION_ONLY + ".p12"),
                "--edibatch.procurement.agency-keystore-password=" + DemoPki.PASSWORD,
                "--logging.level.org.edibatch=WARN"));
        a.addAll(List.of(extra));
        return a;
    }

    @BeforeAll
    void uninterruptedNight(@TempDir Path dir) throws Exception {
        template = dir.resolve("template");
        DemoPki pki = DemoPki.create(template.resolve("pki"), Instant.parse(CLOCK), List.of(
                new DemoPki.Party("V001", "1248100998", DemoPki.KeyType.RSA),
                new DemoPki.Party("V002", "2208712345", DemoPki.KeyType.RSA),
                new DemoPki.Party("V003", "1058134567", DemoPki.KeyType.EC),
                new DemoPki.Party("V004", "3148156789", DemoPki.KeyType.RSA),
                new DemoPki.Party("V005", "4108190123", DemoPki.KeyType.RSA),
                new DemoPki.Party("AG-PPS", "1048200001", DemoPki.KeyType.RSA)));
        Path tenders = Files.createDirectories(template.resolve("procurement/tenders-inbox"));
        // notices are signed by their agency (agencies.csv), as tender publish does
        TenderNotices.publish(ProcurementSamples.tender(T1, "2026-11-20", "AG-PPS", "CONSTRUCTION",
                500_000_000L, 2, "2026-11-28T10:00:00+09:00", "2026-11-28T10:00:00+09:00", "SEED-T1"),
                pki.credential("AG-PPS"), tenders, "t1.xml");
        TenderNotices.publish(ProcurementSamples.tender(T3, "2026-11-20", "AG-PPS", "CONSTRUCTION",
                800_000_000L, 2, "2026-11-28T10:00:00+09:00", "2026-11-28T10:00:00+09:00", "SEED-T3"),
                pki.credential("AG-PPS"), tenders, "t3.xml");
        Path bids = Files.createDirectories(template.resolve("procurement/bids-inbox"));
        var agency = pki.credential(DemoPki.ENCRYPTION_ONLY).certificate();
        Object[][] xml = {{"a-V001.xml", T1, "V001", 3, 7, 450_000_000L}, {"b-V002.xml", T1, "V002", 3, 7, 446_064_260L},
                {"d-V004.xml", T1, "V004", 7, 12, 497_035_224L}, {"e-V005.xml", T1, "V005", 1, 5, 470_000_000L},
                {"g-V002.xml", T3, "V002", 2, 9, 750_000_000L}};
        for (Object[] b : xml) {
            String vendor = (String) b[2];
            byte[] sealed = PriceSeal.seal(ProcurementSamples.price((String) b[1], vendor, (Long) b[5]),
                    pki.credential(vendor), agency);
            Path file = Files.write(bids.resolve((String) b[0]), ProcurementSamples.bidXml("B-" + ((String) b[0]).replace('.', '-'),
                    "2026-11-28T09:00:00+09:00", (String) b[1], vendor, (Integer) b[3], (Integer) b[4], sealed));
            new CmsSigner().sign(file, bids.resolve(b[0] + ".p7s"), pki.credential(vendor), true);
        }
        Path edi = Files.write(bids.resolve("c-V003.edi"), ProcurementSamples.bidEdifact("CB0001", "KONEPS", "B-EDI-1",
                "202611280900", T1, "V003", 3, 12, PriceSeal.seal(ProcurementSamples.price(T1, "V003", 450_000_000L),
                        pki.credential("V003"), agency)));
        new CmsSigner().sign(edi, bids.resolve("c-V003.edi.p7s"), pki.credential("V003"), true);
        Files.write(bids.resolve("r-unsigned.xml"), ProcurementSamples.bidXml("B-R", "2026-11-28T09:00:00+09:00", T1,
                "V005", 5, 9, PriceSeal.seal(ProcurementSamples.price(T1, "V005", 1L), pki.credential("V005"), agency)));

        Path home = copyTemplate(dir.resolve("reference"));
        String db = TestDatabase.freshDatabaseUrl();
        Cli.Result intake = Cli.run(args("bid-intake", home, db).toArray(new String[0]));
        assertThat(intake.code()).as(intake.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        Cli.Result opening = Cli.run(args("bid-opening", home, db).toArray(new String[0]));
        assertThat(opening.code()).as(opening.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        reference = snapshot(db, home);
        assertThat(reference.tables().get("award")).extracting(r -> r.get("tender_id") + ":" + r.get("result") + ":"
                + r.get("winner_vendor_id")).containsExactly(T1 + ":AWARDED:V001", T3 + ":FAILED:null");
        assertThat(reference.run().ledger()).extracting(r -> r.get("idempotency_key")).containsExactly("AWARD:" + T1,
                "AWARD:" + T1);
        assertThat(reference.run().folders()).containsKeys("outbox/V003/AWARD_" + T1 + ".edi",
                "outbox/AG-PPS/RETENDER_" + T3 + "-R1.xml", "outbox/V005/AWARD_" + T1 + ".xml");
        ledgerVerifies(db);
    }

    private Path copyTemplate(Path home) throws Exception {
        try (Stream<Path> s = Files.walk(template)) {
            for (Path p : s.toList()) {
                Path target = home.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return home;
    }

    private static void ledgerVerifies(String db) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            VerifyLedgerCommand.Result r = VerifyLedgerCommand.verify(new JdbcTemplate(ds),
                    new DataSourceTransactionManager(ds), Clock.systemUTC());
            assertThat(r.findings().count()).as("verify-ledger:\n" + r.findings().text()).isZero();
            assertThat(r.ledger().unsealed()).as("entries not sealed").isZero();
        } finally {
            ds.destroy();
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {
            "bid-intake claim.moved:1", "bid-intake claim.moved:5", "bid-intake bid.registered:1",
            "bid-intake bid.registered:4", "bid-intake bid.answer-written:1", "bid-intake bid.answer-written:6",
            "bid-intake finish.file-moved:1", "bid-intake finish.file-moved:8", "bid-intake finish.reports-written:1",
            "bid-opening opening.tender-opened:1", "bid-opening opening.tender-opened:2",
            "bid-opening notice.file-written:1", "bid-opening notice.file-written:5",
            "bid-opening notice.retender-written:1", "bid-opening seal.done:1",
    })
    void killedAndRerunEndsLikeAnUninterruptedNight(String where, @TempDir Path dir) throws Exception {
        String job = where.split(" ")[0];
        String crashAt = where.split(" ")[1];
        Path home = copyTemplate(dir.resolve("home"));
        String db = TestDatabase.freshDatabaseUrl();
        if (job.equals("bid-opening")) {
            Cli.Result intake = Cli.run(args("bid-intake", home, db).toArray(new String[0]));
            assertThat(intake.code()).as(intake.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        }
        Cli.kill(Cli.startUntilCrashPoint(args(job, home, db, "--edibatch.fault.crash-at=" + crashAt)
                .toArray(new String[0])));

        Cli.Result rerun = Cli.run(args(job, home, db).toArray(new String[0]));
        assertThat(rerun.code()).as(rerun.output()).isIn(ExitCodes.DONE_WITH_REJECTIONS, ExitCodes.OK);
        if (job.equals("bid-intake")) {
            Cli.Result opening = Cli.run(args("bid-opening", home, db).toArray(new String[0]));
            assertThat(opening.code()).as(opening.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        }
        snapshot(db, home).assertSameAs(reference);
        ledgerVerifies(db);
    }
}

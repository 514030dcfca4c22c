package org.edibatch.job.procurement;

import org.edibatch.procurement.PreliminaryPriceDraw;
import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake and opening on PostgreSQL with the clock at 2026-11-28 10:00 KST. T2026-0001 closes at 10:00 (inclusive)
 * and opens at 10:00; T2026-0002 closed at 09:00; T2026-0003 has a single bid; T2026-0004 opens tomorrow.
 *
 * <p>Hand computation for T2026-0001 (seed SEED-T1, 500,000,000 +-2%, construction, issued 2026-11-20: rate
 * 89.745%). Prices: see PreliminaryPriceDrawTest.T1. Counted picks (opened bids only): V001 3,7; V002 3,7;
 * V003 3,12; V004 7,12; V005 1,5 -> band 3: 3, band 7: 3, band 12: 2, bands 1 and 5: 1 each, the tie going to
 * band 1. Reserve = (493,095,162 + 498,170,391 + 505,645,259 + 491,230,083) / 4 = 1,988,140,895 / 4
 * = 497,035,223.75 -> 497,035,223. Lower limit = 497,035,223 x 0.89745 = 446,064,260.88135. V002 at
 * 446,064,260 is below it, V004 at 497,035,224 above the reserve; V001 and V003 tie at 450,000,000 with the same
 * receipt time, V001 holding the lower receipt number: V001 ranks first, V003 second, V005 (470,000,000) third.
 * V006's seal is addressed to another certificate: unopenable, and its picks 5,9 (which would have put band 5
 * before band 1) do not count. Qualification review (2026 construction rule, 70 - 4 x |90 - ratio|, pass 95):
 * V001 450,000,000 / 497,035,223 = 0.905367... -> 0.9054; 70 - 4 x 0.54 = 67.84; non-price 28.00 -> 95.84: V001
 * passes and wins; V003 and V005 are not screened.
 *
 * <p>T2026-0002 (no bid counted) and T2026-0003 (one bid) fail with F10 and are announced again as
 * T2026-0002-R1 and T2026-0003-R1, issued on the opening day with a deadline 7 days after the opening; the
 * re-tender notices are then loaded as new tenders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ProcurementJobsTest {

    private static final String T1 = "T2026-0001";
    private TestApp app;
    private JdbcTemplate jdbc;
    private Path home;
    private JobExecution intake;
    private JobExecution opening;
    private final Map<String, byte[]> sent = new java.util.HashMap<>();
    private byte[] v001Seal;

    @BeforeAll
    void run(@TempDir Path dir) throws Exception {
        home = dir;
        ProcurementFixture f = new ProcurementFixture(dir.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK));
        app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + f.pki.trustDir(), "edibatch.trust.crls=" + f.pki.crlDir(),
                "edibatch.procurement.agency-keystore=" + f.agencyP12(),
                "edibatch.procurement.agency-keystore-password=changeit");
        jdbc = app.jdbc();
        Path tenders = home.resolve("procurement/tenders-inbox");
        Files.createDirectories(tenders);
        f.notice(tenders, "t1.xml", T1, "2026-11-20", "AG-PPS", "CONSTRUCTION", 500_000_000L, 2,
                "2026-11-28T10:00:00+09:00", "2026-11-28T10:00:00+09:00", "SEED-T1", "AG-PPS");
        f.notice(tenders, "t2.xml", "T2026-0002", "2026-01-29", "AG-SEOUL", "SERVICES", 200_000_000L, 3,
                "2026-11-28T09:00:00+09:00", "2026-11-28T10:00:00+09:00", null, "AG-SEOUL");
        f.notice(tenders, "t3.xml", "T2026-0003", "2026-11-20", "AG-PPS", "CONSTRUCTION", 800_000_000L, 2,
                "2026-11-28T10:00:00+09:00", "2026-11-28T10:00:00+09:00", "SEED-T3", "AG-PPS");
        f.notice(tenders, "t4.xml", "T2026-0004", "2026-11-20", "AG-PPS", "CONSTRUCTION", 600_000_000L, 2,
                "2026-11-28T10:00:00+09:00", "2026-11-29T10:00:00+09:00", null, "AG-PPS");
        f.notice(tenders, "t5-too-small.xml", "T2026-0005", "2026-11-20", "AG-PPS", "CONSTRUCTION", 100_000_000L, 2,
                "2026-11-28T10:00:00+09:00", "2026-11-28T10:00:00+09:00", null, "AG-PPS");
        // notices refused for their signature, each with terms that would otherwise load
        f.notice(tenders, "u-unsigned.xml", "T2026-0011", "2026-11-20", "AG-PPS", "CONSTRUCTION", 600_000_000L, 2,
                "2026-11-28T10:00:00+09:00", "2026-11-29T10:00:00+09:00", null, null);
        f.notice(tenders, "u-tampered.xml", "T2026-0012", "2026-11-20", "AG-PPS", "CONSTRUCTION", 600_000_000L, 2,
                "2026-11-28T10:00:00+09:00", "2026-11-29T10:00:00+09:00", null, "AG-PPS");
        Files.writeString(tenders.resolve("u-tampered.xml"), Files.readString(tenders.resolve("u-tampered.xml"))
                .replace(">600000000<", ">900000000<"));
        f.notice(tenders, "u-other-agency.xml", "T2026-0013", "2026-11-20", "AG-PPS", "CONSTRUCTION", 600_000_000L, 2,
                "2026-11-28T10:00:00+09:00", "2026-11-29T10:00:00+09:00", null, "AG-SEOUL");
        f.notice(tenders, "u-revoked.xml", "T2026-0014", "2026-11-20", "AG-PPS", "CONSTRUCTION", 600_000_000L, 2,
                "2026-11-28T10:00:00+09:00", "2026-11-29T10:00:00+09:00", null, org.edibatch.signature.DemoPki.REVOKED);
        f.notice(tenders, "u-unregistered.xml", "T2026-0015", "2026-11-20", "AG-NOWHERE", "CONSTRUCTION", 600_000_000L,
                2, "2026-11-28T10:00:00+09:00", "2026-11-29T10:00:00+09:00", null, "AG-PPS");

        Path bids = home.resolve("procurement/bids-inbox");
        v001Seal = f.seal(T1, "V001", 450_000_000L);
        sent.put("a-V001.xml", f.xmlBid(bids, "a-V001.xml", T1, "V001", 3, 7, v001Seal, "V001"));
        sent.put("b-V002.xml", f.xmlBid(bids, "b-V002.xml", T1, "V002", 3, 7, f.seal(T1, "V002", 446_064_260L), "V002"));
        sent.put("c-V003.edi", f.edifactBid(bids, "c-V003.edi", T1, "V003", 3, 12, f.seal(T1, "V003", 450_000_000L)));
        sent.put("d-V004.xml", f.xmlBid(bids, "d-V004.xml", T1, "V004", 7, 12, f.seal(T1, "V004", 497_035_224L), "V004"));
        sent.put("e-V005.xml", f.xmlBid(bids, "e-V005.xml", T1, "V005", 1, 5, f.seal(T1, "V005", 470_000_000L), "V005"));
        byte[] wrongRecipient = org.edibatch.procurement.PriceSeal.seal(ProcurementSamples.price(T1, "V006", 446_100_000L),
                f.pki.credential("V006"), f.pki.credential("V001").certificate());
        sent.put("f-V006.xml", f.xmlBid(bids, "f-V006.xml", T1, "V006", 5, 9, wrongRecipient, "V006"));
        sent.put("g-V002.xml", f.xmlBid(bids, "g-V002.xml", "T2026-0003", "V002", 2, 9,
                f.seal("T2026-0003", "V002", 750_000_000L), "V002"));
        f.xmlBid(bids, "h-V003.xml", "T2026-0004", "V003", 2, 9, f.seal("T2026-0004", "V003", 590_000_000L), "V003");

        byte[] anySeal = f.seal(T1, "V005", 400_000_000L);
        f.xmlBid(bids, "r-late.xml", "T2026-0002", "V002", 5, 9, f.seal("T2026-0002", "V002", 1L), "V002");
        f.xmlBid(bids, "r-unsigned.xml", T1, "V005", 5, 9, anySeal, null);
        f.xmlBid(bids, "r-tampered.xml", T1, "V005", 5, 9, anySeal, "V005");
        Files.writeString(bids.resolve("r-tampered.xml"), Files.readString(bids.resolve("r-tampered.xml"))
                .replace("<PreliminaryPriceChoice>5<", "<PreliminaryPriceChoice>6<"));
        f.xmlBid(bids, "r-other-signer.xml", T1, "V004", 5, 9, anySeal, "V005");
        f.xmlBid(bids, "r-unregistered.xml", T1, "V777", 5, 9, anySeal, "V777");
        f.xmlBid(bids, "r-debarred.xml", T1, "V009", 5, 9, anySeal, "V009");
        f.xmlBid(bids, "r-unknown-tender.xml", "T2099-0001", "V005", 5, 9, anySeal, "V005");
        f.xmlBid(bids, "r-same-picks.xml", T1, "V006", 4, 4, anySeal, "V006");
        f.xmlBid(bids, "z-V001-again.xml", T1, "V001", 5, 9, f.seal(T1, "V001", 440_000_000L), "V001");

        intake = start("bidIntakeJob", new JobParametersBuilder().addString("intake.at", "1").toJobParameters());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bid_opening", Integer.class)).isZero();
        opening = start("bidOpeningJob", new JobParametersBuilder().addString("opening.at", "1").toJobParameters());
        retenders.put("T2026-0002", Files.readAllBytes(home.resolve("outbox/AG-SEOUL/RETENDER_T2026-0002-R1.xml")));
        retenders.put("T2026-0003", Files.readAllBytes(home.resolve("outbox/AG-PPS/RETENDER_T2026-0003-R1.xml")));
        // the agencies sign their re-tender notices (tender publish --notice) before they are loaded
        org.edibatch.procurement.TenderNotices.publish(retenders.get("T2026-0002"), f.pki.credential("AG-SEOUL"),
                tenders, "retender-2.xml");
        org.edibatch.procurement.TenderNotices.publish(retenders.get("T2026-0003"), f.pki.credential("AG-PPS"),
                tenders, "retender-3.xml");
        reload = start("bidIntakeJob", new JobParametersBuilder().addString("intake.at", "2").toJobParameters());
    }

    private final Map<String, byte[]> retenders = new java.util.HashMap<>();
    private JobExecution reload;

    private JobExecution start(String job, org.springframework.batch.core.job.parameters.JobParameters params)
            throws Exception {
        return app.bean(JobOperator.class).start(app.bean(ProcurementJobs.class).byName(job), params);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void bothJobsComplete() {
        assertThat(intake.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(opening.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(reload.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void theDrawTallyAndReservePriceOfT1AreTheHandComputedOnes() {
        assertThat(jdbc.queryForList("SELECT price FROM tender_draw WHERE tender_id = ? ORDER BY band", Long.class, T1))
                .containsExactly(491230083L, 492107004L, 493095162L, 494005740L, 495985232L, 496883432L, 498170391L,
                        500609431L, 501794393L, 502359466L, 504030794L, 505645259L, 506964524L, 507928130L, 509523453L);
        assertThat(jdbc.queryForList("SELECT band || ':' || picks FROM tender_draw WHERE tender_id = ? AND picks > 0 "
                + "ORDER BY band", String.class, T1)).containsExactly("1:1", "3:3", "5:1", "7:3", "12:2");
        assertThat(jdbc.queryForList("SELECT band FROM tender_draw WHERE tender_id = ? AND chosen ORDER BY band",
                Integer.class, T1)).containsExactly(1, 3, 7, 12);
        Map<String, Object> a = jdbc.queryForMap("SELECT * FROM award WHERE tender_id = ?", T1);
        assertThat((BigDecimal) a.get("reserve_price")).isEqualByComparingTo("497035223");
        assertThat((BigDecimal) a.get("lower_limit_amount")).isEqualByComparingTo("446064260.88135");
        assertThat(a.get("winner_vendor_id")).isEqualTo("V001");
        assertThat((BigDecimal) a.get("award_amount")).isEqualByComparingTo("450000000");
    }

    @Test
    void rankingAndOpeningOutcomesOfT1() {
        assertThat(jdbc.queryForList("SELECT b.bidder_id || ':' || o.outcome || ':' || COALESCE(o.rank::text, '-') || ':' "
                        + "|| COALESCE(o.reason_code, '-') FROM bid_opening o JOIN bid b ON b.id = o.bid_id "
                        + "WHERE o.tender_id = ? ORDER BY b.bidder_id", String.class, T1))
                .containsExactly("V001:ELIGIBLE:1:-", "V002:BELOW_LOWER_LIMIT:-:O20", "V003:ELIGIBLE:2:-",
                        "V004:ABOVE_RESERVE:-:O21", "V005:ELIGIBLE:3:-", "V006:UNOPENABLE:-:O10");
        assertThat(jdbc.queryForList("SELECT code FROM exception_item WHERE run_id = ? AND category = 'OPENING' ORDER BY code",
                String.class, opening.getJobInstance().getInstanceId())).containsExactly("F10", "F10", "O10", "O20", "O21");
        assertThat(jdbc.queryForObject("SELECT sender || ' ' || file_name || ': ' || text FROM exception_item "
                + "WHERE code = 'F10' AND text LIKE 'tender T2026-0003:%'", String.class))
                .isEqualTo("AG-PPS t3.xml: tender T2026-0003: " + org.edibatch.procurement.ProcurementCode.F10.text()
                        + " Re-tender T2026-0003-R1 written to the agency's outbox.");
    }

    @Test
    void singleBidAndNoBidTendersFail() {
        // T3: picks 2,9, then bands 1,3: (788,006,652 + 801,329,382 + 784,507,875 + 789,568,396) / 4 = 790,853,076.25
        Map<String, Object> t3 = jdbc.queryForMap("SELECT * FROM award WHERE tender_id = 'T2026-0003'");
        assertThat((BigDecimal) t3.get("reserve_price")).isEqualByComparingTo("790853076");
        // V002's bid (750,000,000) opened and is eligible, but one valid bid is fewer than two: failed, not reviewed
        assertThat(t3.get("result")).isEqualTo("FAILED");
        assertThat(t3.get("fail_code")).isEqualTo("F10");
        assertThat(t3.get("winner_vendor_id")).isNull();
        assertThat(t3.get("retender_id")).isEqualTo("T2026-0003-R1");
        assertThat(jdbc.queryForObject("SELECT outcome || ':' || rank || ':' || COALESCE(review, '-') FROM bid_opening "
                + "WHERE tender_id = 'T2026-0003'", String.class)).isEqualTo("ELIGIBLE:1:-");
        assertThat(jdbc.queryForList("SELECT tender_id || ':' || status FROM tender WHERE tender_id IN "
                + "('T2026-0001', 'T2026-0002', 'T2026-0003') ORDER BY 1", String.class))
                .containsExactly("T2026-0001:OPENED", "T2026-0002:FAILED", "T2026-0003:FAILED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key LIKE 'AWARD:T2026-000_'",
                Integer.class)).as("only T1 posted").isEqualTo(1);
        // T2: no bid counted (the only one was late): bands 1-4 of a draw from the seed the loader recorded
        Map<String, Object> t2 = jdbc.queryForMap("SELECT a.result, a.fail_code, a.reserve_price, t.draw_seed, t.lower_limit_rate "
                + "FROM award a JOIN tender t USING (tender_id) WHERE tender_id = 'T2026-0002'");
        assertThat(t2.get("result")).isEqualTo("FAILED");
        assertThat((BigDecimal) t2.get("lower_limit_rate")).isEqualByComparingTo("86.995");
        String seed = (String) t2.get("draw_seed");
        assertThat(seed).matches("[0-9a-f]{32}");
        List<BigDecimal> replay = PreliminaryPriceDraw.draw(seed, "T2026-0002", new BigDecimal("200000000"), new BigDecimal("3"));
        assertThat(jdbc.queryForList("SELECT price FROM tender_draw WHERE tender_id = 'T2026-0002' ORDER BY band",
                BigDecimal.class)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(replay);
        BigDecimal firstFour = replay.get(0).add(replay.get(1)).add(replay.get(2)).add(replay.get(3));
        assertThat((BigDecimal) t2.get("reserve_price")).isEqualByComparingTo(
                firstFour.divide(BigDecimal.valueOf(4), 0, java.math.RoundingMode.DOWN));
    }

    @Test
    void theTenderOpeningTomorrowIsNotOpenedAndItsBidHoldsOnlyCiphertext() {
        assertThat(jdbc.queryForObject("SELECT status FROM tender WHERE tender_id = 'T2026-0004'", String.class))
                .isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bid_opening WHERE tender_id = 'T2026-0004'", Integer.class))
                .isZero();
        byte[] stored = jdbc.queryForObject("SELECT sealed_price FROM bid WHERE bidder_id = 'V001' AND status = 'RECEIVED'",
                byte[].class);
        assertThat(stored).isEqualTo(v001Seal);
        // DER ContentInfo whose content type is id-ct-authEnvelopedData (1.2.840.113549.1.9.16.1.23)
        assertThat(HexFormat.of().formatHex(stored)).contains("060b2a864886f70d0109100117");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("450000000").doesNotContain("BidPrice");
    }

    @ParameterizedTest
    @CsvSource({
            "r-late.xml, B20", "r-unsigned.xml, B30", "r-tampered.xml, B31", "r-other-signer.xml, B32",
            "r-unregistered.xml, B40", "r-debarred.xml, B41", "r-unknown-tender.xml, B10", "r-same-picks.xml, B60",
            "z-V001-again.xml, B50"})
    void refusedBidsGetTheirCodedReceiptAndNeverCount(String file, String code) throws Exception {
        Map<String, Object> b = jdbc.queryForMap("SELECT b.status, b.reason_code, b.bidder_id, b.file_id, b.sealed_price, "
                + "f.state FROM bid b JOIN inbound_file f ON f.id = b.file_id WHERE f.original_name = ?", file);
        assertThat(b.get("status")).isEqualTo("REJECTED");
        assertThat(b.get("reason_code")).isEqualTo(code);
        assertThat(b.get("sealed_price")).isNull();
        assertThat(b.get("state")).isEqualTo("QUARANTINED");
        String receipt = Files.readString(home.resolve("outbox/" + b.get("bidder_id") + "/RECEIPT_"
                + jdbc.queryForObject("SELECT tender_id FROM bid WHERE file_id = ?", String.class, b.get("file_id"))
                + "_" + b.get("file_id") + ".xml"));
        assertThat(receipt).contains("<Status>REJECTED</Status>").contains("code=\"" + code + "\"").doesNotContain("<ID>");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM exception_item WHERE file_id = ? AND category = 'BID' AND code = ?",
                Integer.class, b.get("file_id"), code)).isEqualTo(1);
    }

    @Test
    void acceptedBidsGetAReceiptNumberAndTheHashOfWhatWasReceived() throws Exception {
        long fileId = jdbc.queryForObject("SELECT id FROM inbound_file WHERE original_name = 'a-V001.xml'", Long.class);
        String receipt = Files.readString(home.resolve("outbox/V001/RECEIPT_" + T1 + "_" + fileId + ".xml"));
        String receiptNo = jdbc.queryForObject("SELECT r.receipt_no FROM bid_receipt r JOIN bid b ON b.id = r.bid_id "
                + "WHERE b.file_id = ?", String.class, fileId);
        assertThat(receiptNo).matches("R\\d{10}");
        assertThat(receipt).contains("<ID>" + receiptNo + "</ID>").contains("<Status>ACCEPTED</Status>")
                .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sent.get("a-V001.xml"))));

        long ediId = jdbc.queryForObject("SELECT id FROM inbound_file WHERE original_name = 'c-V003.edi'", Long.class);
        String aperak = Files.readString(home.resolve("outbox/V003/APERAK_CB0001_" + ediId + ".edi"), StandardCharsets.ISO_8859_1);
        assertThat(aperak).contains("APERAK:D:96B:UN").contains("+29'").contains("RFF+CT:" + T1)
                .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sent.get("c-V003.edi"))));

        // what was sent back is recorded with the digest of its own bytes
        List<Map<String, Object>> recorded = jdbc.queryForList("SELECT answer_path, answer_sha256 FROM bid_receipt "
                + "WHERE answer_path IS NOT NULL");
        assertThat(recorded).isNotEmpty();
        for (Map<String, Object> r : recorded) {
            Path path = Path.of((String) r.get("answer_path"));
            assertThat(r.get("answer_sha256")).as(path.toString()).isEqualTo(org.edibatch.intake.FileDigest.sha256(path));
        }
    }

    @Test
    void theAwardIsPostedOnceAndEveryBidderIsNotified() throws Exception {
        assertThat(jdbc.queryForList("SELECT l.account_code || ':' || l.party_id || ':' || l.debit::bigint || ':' || l.credit::bigint "
                + "FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id WHERE e.idempotency_key = ? ORDER BY l.line_no",
                String.class, "AWARD:" + T1)).containsExactly("5300:AG-PPS:450000000:0", "2300:V001:0:450000000");
        for (String v : List.of("V001", "V002", "V004", "V005", "V006")) {
            assertThat(home.resolve("outbox/" + v + "/AWARD_" + T1 + ".xml")).content()
                    .contains("<ReservePrice currencyID=\"KRW\">497035223</ReservePrice>")
                    .contains("<TendererPartyID>V001</TendererPartyID>")
                    .contains("<DrawSeed>SEED-T1</DrawSeed>")
                    .contains("<QualificationPassMark>95.00</QualificationPassMark>")
                    .contains("tenderer=\"V001\" receipt=\"" + receipt("a-V001.xml") + "\" amount=\"450000000\" "
                            + "rank=\"1\" review=\"PASSED\" nonPricePoints=\"28.00\" pricePoints=\"67.84\" score=\"95.84\"");
        }
        assertThat(home.resolve("outbox/V009/AWARD_" + T1 + ".xml")).doesNotExist();
        // V003 bid in EDIFACT: told in EDIFACT, by the guide's APERAK
        assertThat(home.resolve("outbox/V003/AWARD_" + T1 + ".xml")).doesNotExist();
        byte[] edi = Files.readAllBytes(home.resolve("outbox/V003/AWARD_" + T1 + ".edi"));
        assertThat(org.edibatch.procurement.AwardNoticeEdifactTest.errors(edi)).isEmpty();
        assertThat(new String(edi, StandardCharsets.ISO_8859_1)).contains("BGM+23+" + T1 + "+27'")
                .contains("FTX+ZZZ+++WINNER:V001:450000000'").contains("RFF+AGO:" + receipt("c-V003.edi") + "'")
                .contains("ERC+AWD'FTX+ZZZ+++V001:" + receipt("a-V001.xml") + ":450000000:1:95.84'");
    }

    private String receipt(String file) {
        return jdbc.queryForObject("SELECT r.receipt_no FROM bid_receipt r JOIN bid b ON b.id = r.bid_id "
                + "JOIN inbound_file f ON f.id = b.file_id WHERE f.original_name = ?", String.class, file);
    }

    @Test
    void everyBidderOfAFailedTenderIsToldAndTheTenderIsAnnouncedAgain() throws Exception {
        assertThat(home.resolve("outbox/V002/AWARD_T2026-0003.xml")).content()
                .contains("<Result>FAILED</Result>")
                .contains("<FailureReason code=\"F10\">" + org.edibatch.procurement.ProcurementCode.F10.text())
                .contains("<RetenderID>T2026-0003-R1</RetenderID>")
                .doesNotContain("<Winner>");
        // same terms, issued on the opening day (2026-11-28), deadline = opening (10:00 KST) + 7 days, no seed
        String again = new String(retenders.get("T2026-0003"), StandardCharsets.UTF_8);
        assertThat(again).contains("<ID>T2026-0003-R1</ID>").contains("<IssueDate>2026-11-28</IssueDate>")
                .contains("<ContractingPartyID>AG-PPS</ContractingPartyID>").contains("<Title>Sample works T2026-0003</Title>")
                .contains("<BaseAmount currencyID=\"KRW\">800000000</BaseAmount>")
                .contains("<BidDeadline>2026-12-05T10:00:00+09:00</BidDeadline>")
                .contains("<OpeningTime>2026-12-05T10:00:00+09:00</OpeningTime>").doesNotContain("DrawSeed");
        assertThat(jdbc.queryForObject("SELECT sha256 FROM retender_notice WHERE tender_id = 'T2026-0003'", String.class))
                .isEqualTo(org.edibatch.intake.FileDigest.sha256(home.resolve("outbox/AG-PPS/RETENDER_T2026-0003-R1.xml")));
        // loaded as new tenders, open for bids, with a fresh seed and the rate of their own issue date
        assertThat(jdbc.queryForList("SELECT tender_id || ':' || status || ':' || lower_limit_rate || ':' "
                        + "|| to_char(bid_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') "
                        + "FROM tender WHERE tender_id LIKE '%-R1' ORDER BY 1", String.class))
                .containsExactly("T2026-0002-R1:OPEN:88.995:2026-12-05T01:00",
                        "T2026-0003-R1:OPEN:89.745:2026-12-05T01:00");
    }

    @Test
    void reopeningGivesTheSameResultAndPostsNothingNew() throws Exception {
        Path notice = home.resolve("outbox/V003/AWARD_" + T1 + ".edi");
        byte[] before = Files.readAllBytes(notice);
        int entries = jdbc.queryForObject("SELECT COUNT(*) FROM journal_entry WHERE ledger = 'PROCUREMENT'", Integer.class);
        List<Map<String, Object>> openings = jdbc.queryForList("SELECT * FROM bid_opening ORDER BY bid_id");
        JobExecution again = start("bidOpeningJob", new JobParametersBuilder().addString("opening.at", "2")
                .addString("tender.id", T1).toJobParameters());
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journal_entry WHERE ledger = 'PROCUREMENT'", Integer.class))
                .isEqualTo(entries).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT * FROM bid_opening ORDER BY bid_id")).isEqualTo(openings);
        assertThat(Files.readAllBytes(notice)).isEqualTo(before);
    }

    @Test
    void tendersAreLoadedWithTheirDatedRateOrRefused() {
        assertThat(jdbc.queryForList("SELECT tender_id || ':' || lower_limit_rate FROM tender ORDER BY tender_id", String.class))
                .containsExactly("T2026-0001:89.745", "T2026-0002:86.995", "T2026-0002-R1:88.995", "T2026-0003:89.745",
                        "T2026-0003-R1:89.745", "T2026-0004:89.745");
        assertThat(jdbc.queryForList("SELECT file_name || ':' || code FROM exception_item WHERE category = 'TENDER' "
                + "ORDER BY file_name", String.class)).containsExactly("t5-too-small.xml:T04", "u-other-agency.xml:T32",
                "u-revoked.xml:T33", "u-tampered.xml:T31", "u-unregistered.xml:T40", "u-unsigned.xml:T30");
    }

    @Test
    void aNoticeRefusedForItsSignatureIsQuarantinedWithItsReason() {
        Map<String, Object> f = jdbc.queryForMap("SELECT state, reason_code, reason_text, sig_reason FROM inbound_file "
                + "WHERE original_name = 'u-tampered.xml'");
        assertThat(f.get("state")).isEqualTo("QUARANTINED");
        assertThat(f.get("reason_code")).isEqualTo("T31");
        assertThat((String) f.get("reason_text")).contains("DIGEST_MISMATCH");
        assertThat(jdbc.queryForObject("SELECT reason_text FROM inbound_file WHERE original_name = 'u-other-agency.xml'",
                String.class)).contains("expected BRN 1048200001");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tender WHERE tender_id BETWEEN 'T2026-0011' AND 'T2026-0015'",
                Integer.class)).isZero();
    }
}

package org.edibatch.conformance;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.ack.ReleaseNoticeBuilder;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.edifact.Syntax;
import org.edibatch.procurement.AwardNoticeEdifact;
import org.edibatch.procurement.AwardNoticeEdifactTest;
import org.edibatch.procurement.BidReceiptEdifact;
import org.edibatch.procurement.BidRepository;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.PriceSeal;
import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.schemas.ProcurementDocuments;
import org.edibatch.signature.DemoPki;
import org.edibatch.samples.Interchange;
import org.edibatch.samples.SampleSet;
import org.edibatch.samples.load.CreditAdviceGenerator;
import org.edibatch.samples.load.LoadGenerator;
import org.edibatch.signature.SubReason;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our guides against the published UN D96B directory, read by an independent implementation ({@link
 * D96bValidator}): every sample declaration of every message function, a load generator's declarations, and every
 * answer the product writes (CONTRL, CUSRES of acceptance, rejection, replacement and cancellation, the signature
 * APERAK, the bidders' award notice, the release notice), the banks' credit advices (CREMUL) and the bidders'
 * EDIFACT bids (CONTEN) parse as structured D96B messages with no deviation. One class, so the D96B schema is compiled once per run.
 */
@SlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdifactConformanceTest {

    private D96bValidator d96b;
    private TestApp app;
    private Path home;
    private Map<String, byte[]> samples;

    @BeforeAll
    void runTheSamples(@TempDir Path dir) throws Exception {
        d96b = D96bValidator.get();
        home = dir;
        samples = SampleSet.generate();
        app = TestApp.start(home);
        Files.createDirectories(app.inbox());
        for (Map.Entry<String, byte[]> e : samples.entrySet()) {
            Files.write(app.inbox().resolve(e.getKey()), e.getValue());
        }
        // identifications with their code qualifiers (UNB 0007), which the CONTRL must echo
        Files.write(app.inbox().resolve("qualified.edi"), Interchange.from("HANBITTRD", "QU0001")
                .message(org.edibatch.samples.Cusdec.declaration("QU0000001").item("9503003900", "CN", "100", "PCE", "800.00"))
                .rewrite(t -> t.replace("+HANBITTRD+KCS+", "+HANBITTRD:14+KCS:ZZZ+")).bytes());
        app.runCustoms("conformance");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** The samples that are well formed on purpose: good, content errors, amendments, an unknown sender. */
    private Map<String, byte[]> wellFormedSamples() {
        Map<String, byte[]> chosen = new TreeMap<>();
        samples.forEach((name, bytes) -> {
            if (name.endsWith(".edi") && (!name.startsWith("bad-0085-") || name.startsWith("bad-0085-23-"))) {
                chosen.put(name, bytes);
            }
        });
        return chosen;
    }

    /** Segments with this tag: a tag after a terminator (a CONTRL also names UNH inside its UCM). */
    private static int count(byte[] interchange, String tag) {
        String text = new String(interchange, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int at = text.indexOf(tag); at >= 0; at = text.indexOf(tag, at + 1)) {
            if (at > 0 && (text.charAt(at - 1) == '\'' || text.charAt(at - 1) == '\n')) {
                n++;
            }
        }
        return n;
    }

    private void assertD96b(String name, byte[] interchange, String type) {
        D96bValidator.Result r = d96b.read(interchange);
        assertThat(r.problems()).as("%s is not D96B", name).isEmpty();
        assertThat(r.messageTypes()).as("messages of %s", name)
                .hasSize(count(interchange, "UNH+")).containsOnly(type);
    }

    @Test
    void everySampleDeclarationIsD96bCusdec() {
        Map<String, byte[]> chosen = wellFormedSamples();
        assertThat(chosen).containsKeys("good-hanbit-001.edi", "good-unoy-005.edi", "good-una-release-004.edi",
                "amend-2-changes.edi", "amend-3-chain.edi", "bad-content-totals-mismatch.edi");
        // every message function of the guide: original, replacement, cancellation
        String all = new String(chosen.get("amend-3-chain.edi"), StandardCharsets.ISO_8859_1);
        assertThat(all).contains("+9'", "+5'", "+1'");
        chosen.forEach((name, bytes) -> assertD96b(name, bytes, "CUSDEC"));
    }

    @Test
    void theLoadGeneratorWritesD96bCusdec(@TempDir Path dir) throws Exception {
        // no drawn damage: its too long numbers are syntax errors on purpose
        assertThat(LoadGenerator.run("--out", dir.toString(), "--declarations", "300", "--per-interchange", "50",
                "--seed", "17", "--bad-percent", "0", "--replace-percent", "10", "--cancel-percent", "5")).isZero();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".edi")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertD96b(f.getFileName().toString(), bytes, "CUSDEC");
        }
    }

    @Test
    void theValidatorRefusesWhatIsNotD96b() {
        // the finding: QTY right after CST/LOC is not in D96B CUSDEC
        String qty = new String(samples.get("good-hanbit-001.edi"), StandardCharsets.ISO_8859_1)
                .replace("MEA+AAR++PCE:10'", "QTY+47:10:PCE'");
        assertThat(d96b.read(qty.getBytes(StandardCharsets.ISO_8859_1)).valid()).isFalse();
        // a code outside its D96B code list (3055 has no KCS)
        String agency = new String(samples.get("good-hanbit-001.edi"), StandardCharsets.ISO_8859_1)
                .replace("::ZZZ++", "::KCS++");
        assertThat(d96b.read(agency.getBytes(StandardCharsets.ISO_8859_1)).valid()).isFalse();
        // BGM 1225 99 is in no D96B code list
        assertThat(d96b.read(samples.get("bad-0085-12-invalid-value.edi")).valid()).isFalse();
    }

    @Test
    void everyAnswerOfTheNightIsD96b() throws Exception {
        Map<String, byte[]> answers = new TreeMap<>();
        try (Stream<Path> s = Files.walk(home.resolve("outbox"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".edi")).toList()) {
                answers.put(home.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        StringBuilder cusres = new StringBuilder();
        int contrl = 0;
        for (Map.Entry<String, byte[]> e : answers.entrySet()) {
            String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            if (name.startsWith("CONTRL_")) {
                assertD96b(e.getKey(), e.getValue(), "CONTRL");
                contrl++;
            } else if (name.startsWith("CUSRES_")) {
                assertD96b(e.getKey(), e.getValue(), "CUSRES");
                cusres.append(new String(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        assertThat(contrl).as("CONTRL answers").isGreaterThanOrEqualTo(20);
        assertThat(answers.values()).as("the qualified sender's CONTRL").anyMatch(b -> new String(b,
                StandardCharsets.ISO_8859_1).contains("UCI+QU0001+HANBITTRD:14+KCS:ZZZ+7'"));
        // every kind of CUSRES was among them: accepted, rejected, replacement and cancellation approved and refused
        assertThat(cusres.toString()).contains("+29'", "+27'", "+5+AP'", "+1+AP'", "+5+RE'", "+1+RE'",
                "GIS+1'", "GIS+5'", "GIS+6'", "GIS+15'", "GIS+16'", "TAX+9'", "RFF+PQ:", "DTM+13:", "MOA+9:");
    }

    @Test
    void answersInEverySyntaxAreD96b() throws Exception {
        // UNOY version 4 (UTF-8, CCYYMMDD in UNB) and UNOA: the answers the sample senders of those syntaxes got
        Map<String, byte[]> chosen = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(home.resolve("outbox"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".edi")).toList()) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                if (text.startsWith("UNB+UNOY:4") || text.startsWith("UNB+UNOA:3")) {
                    chosen.put(p.toString(), Files.readAllBytes(p));
                }
            }
        }
        assertThat(chosen.keySet()).anyMatch(n -> n.contains("CUSRES_")).anyMatch(n -> n.contains("CONTRL_"));
        chosen.forEach((name, bytes) -> assertD96b(name, bytes, name.contains("CUSRES_") ? "CUSRES" : "CONTRL"));
    }

    @Test
    void theSignatureAperakIsD96b() throws Exception {
        for (SubReason reason : SubReason.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EdifactWriter w = new EdifactWriter(out);
            w.startInterchange(Syntax.DEFAULT, "KCS", "HANBITTRD", LocalDateTime.of(2026, 11, 28, 1, 0), "RA" + reason.code());
            AperakBuilder.write(w, "1", LocalDate.of(2026, 11, 28), "HB0001", reason, "detail: 'quoted' + more");
            w.endInterchange();
            assertD96b(reason.name(), out.toByteArray(), "APERAK");
        }
    }

    @Test
    void theAwardNoticesAreD96b() throws Exception {
        List<byte[]> notices = new ArrayList<>();
        ByteArrayOutputStream failed = new ByteArrayOutputStream();
        AwardNoticeEdifact.write(failed, AwardNoticeEdifactTest.FAILED, "V003", 8, "KONEPS", ZoneId.of("Asia/Seoul"));
        notices.add(failed.toByteArray());
        for (String recipient : List.of("V001", "V002")) {
            ByteArrayOutputStream won = new ByteArrayOutputStream();
            AwardNoticeEdifact.write(won, AwardNoticeEdifactTest.won(), recipient, 7, "KONEPS", ZoneId.of("Asia/Seoul"));
            notices.add(won.toByteArray());
        }
        for (byte[] n : notices) {
            assertD96b("award notice", n, "APERAK");
        }
    }

    @Test
    void theBidReceiptsAreD96b() throws Exception {
        // accepted, then refused with every code; the last with a bidder's ids past the syntax's lengths
        List<BidRepository.Answerable> receipts = new ArrayList<>();
        Instant at = Instant.parse("2026-11-28T01:00:00Z");
        String sha = "ab".repeat(32);
        receipts.add(new BidRepository.Answerable(1, 11, "EDIFACT", "T2026-0001", "V001", "B-T2026-0001-V001", "BR1",
                BidRepository.receiptNo(1), sha, at, null));
        long id = 2;
        for (ProcurementCode code : ProcurementCode.values()) {
            receipts.add(new BidRepository.Answerable(id, 10 + id, "EDIFACT", "T2026-0001", "V002", "B-" + id, "BR" + id,
                    null, sha, at, code.name()));
            id++;
        }
        receipts.add(new BidRepository.Answerable(id, 10 + id, "EDIFACT", "T".repeat(90), "V".repeat(60),
                "B".repeat(90), "BR", null, sha, at, ProcurementCode.values()[0].name()));
        for (BidRepository.Answerable r : receipts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BidReceiptEdifact.write(out, r, "KONEPS", ZoneId.of("Asia/Seoul"));
            assertD96b("bid receipt " + r.reasonCode(), out.toByteArray(), "APERAK");
        }
    }

    @Test
    void theBidsOfEveryBidderAreD96bConten(@TempDir Path dir) throws Exception {
        // sealed as the bidder's tool seals (RSA and EC signers: seals of different sizes), and synthetic seals
        // from one byte to the largest the guide carries (one group 10 to all hundred)
        DemoPki pki = DemoPki.create(dir, Instant.parse("2026-11-27T00:00:00Z"), List.of(
                new DemoPki.Party("V001", "1248100998", DemoPki.KeyType.RSA),
                new DemoPki.Party("V003", "1058134567", DemoPki.KeyType.EC)));
        Map<String, byte[]> bids = new LinkedHashMap<>();
        for (String vendor : List.of("V001", "V003")) {
            byte[] sealed = PriceSeal.seal(ProcurementSamples.price("T2026-0001", vendor, 465_000_000L),
                    pki.credential(vendor), pki.credential(DemoPki.ENCRYPTION_ONLY).certificate());
            bids.put(vendor + " (" + sealed.length + " bytes sealed)", ProcurementSamples.bidEdifact("CB0001", "KONEPS",
                    "B-T2026-0001-" + vendor, "202611280900", "T2026-0001", vendor, 3, 7, sealed));
        }
        for (int length : new int[]{1, 1260, 1261, ProcurementDocuments.MAX_SEAL_BYTES}) {
            byte[] sealed = new byte[length];
            new Random(length).nextBytes(sealed);
            // ids at D96B's an..35, with service characters released
            bids.put(length + " bytes", ProcurementSamples.bidEdifact("CB0002", "KONEPS", "B+'?:" + "7".repeat(30),
                    "202611280900", "T+'?:" + "2".repeat(30), "V001", 1, 15, sealed));
        }
        bids.forEach((name, bytes) -> assertD96b("bid " + name, bytes, "CONTEN"));
    }

    @Test
    void theValidatorRefusesTheBidLayoutBeforeTheGuide() {
        // the finding: FTX after NAD, and 512 hex characters in one 4440 (an..70)
        String hex = "AB".repeat(256);
        String old = "UNB+UNOC:3+V001+KONEPS+261128:0900+CB0001'UNH+1+CONTEN:D:96B:UN'BGM+ZZZ+B-EDI-1+9'"
                + "DTM+137:202611280900:203'RFF+CT:T2026-0001'NAD+SU+V001::ZZZ'FTX+ZZZ+++PICKS:3:7'"
                + "FTX+ZZZ+++SEAL:" + hex + "'UNT+8+1'UNZ+1+CB0001'";
        assertThat(d96b.read(old.getBytes(StandardCharsets.ISO_8859_1)).valid()).isFalse();
        // the guide's layout with one component too long
        String now = new String(ProcurementSamples.bidEdifact("CB0001", "KONEPS", "B-EDI-1", "202611280900",
                "T2026-0001", "V001", 3, 7, new byte[140]), StandardCharsets.ISO_8859_1);
        assertThat(d96b.read(now.getBytes(StandardCharsets.ISO_8859_1)).valid()).isTrue();
        String tooLong = now.replaceFirst("SEAL:([0-9A-F]{70}):", "SEAL:$1");
        assertThat(d96b.read(tooLong.getBytes(StandardCharsets.ISO_8859_1)).valid()).isFalse();
    }

    @Test
    void anInterchangeOfTheGuideWithEveryOptionalSegmentIsD96b() {
        // the header LOC and a supplier NAD the samples leave out, in the positions the guide gives them
        String text = new String(Interchange.from("HANBITTRD", "OPT1").message(
                org.edibatch.samples.Cusdec.declaration("OPT0001").declarant("DAEHANCB0001")
                        .item("9503003900", "CN", "100", "PCE", "800.00")).bytes(), StandardCharsets.ISO_8859_1)
                .replace("BGM+929+OPT0001+9'\n", "BGM+929+OPT0001+9'\nLOC+22+ICN'\n")
                .replace("MOA+39:", "NAD+SU+SUPPLIER01::ZZZ'\nMOA+39:")
                .replace("UNT+13+1'", "UNT+15+1'");
        assertD96b("optional segments", text.getBytes(StandardCharsets.ISO_8859_1), "CUSDEC");
    }

    @Test
    void theReleaseNoticeIsD96b() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdifactWriter w = new EdifactWriter(out);
        w.startInterchange(Syntax.DEFAULT, "KCS", "HANBITTRD", LocalDateTime.of(2026, 12, 1, 1, 0), "RL1");
        ReleaseNoticeBuilder.write(w, "1", new ReleaseNoticeBuilder.Notice("HB2611250001", "KCS26112500000001",
                LocalDate.of(2026, 12, 1), "PAID", "0000000001000000064"));
        ReleaseNoticeBuilder.write(w, "2", new ReleaseNoticeBuilder.Notice("HB2611250002", "KCS26112500000002",
                LocalDate.of(2026, 12, 1), "MONTHLY", null));
        w.endInterchange();
        assertD96b("release notices", out.toByteArray(), "CUSRES");
    }

    @Test
    void theBanksCreditAdvicesOfTheGuideAreD96b(@TempDir Path dir) throws Exception {
        // the credit advices a bank would send for the night's payment numbers (CREMUL, guide KCS-CREMUL-1),
        // every well-formed case: paid exactly, in part, too much, an unknown reference
        List<CreditAdviceGenerator.Due> dues = CreditAdviceGenerator.duesFromOutbox(home.resolve("outbox/HANBITTRD"));
        assertThat(dues).isNotEmpty();
        new CreditAdviceGenerator(dir, CreditAdviceGenerator.defaultBank(), 5, 100, 20, 20, 20, 0, 0, 0, 3, 2,
                LocalDate.of(2026, 12, 1)).generate(dues.iterator());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".edi")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertD96b(f.getFileName().toString(), Files.readAllBytes(f), "CREMUL");
        }
    }
}

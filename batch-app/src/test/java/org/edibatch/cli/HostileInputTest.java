package org.edibatch.cli;

import org.edibatch.job.customs.FaultDrill;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.HostileCorpus;
import org.edibatch.samples.HostileCorpus.Kind;
import org.edibatch.samples.Interchange;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each class of the hostile corpus, signed by a registered sender and dropped beside a good file, through the
 * real {@code run customs}: the night completes with exit 2, the good file is posted, the hostile file is
 * answered with its 0085 code (refused whole, or the message in it), archived or quarantined with its reason,
 * every message counted, the ledger balanced, in bounded time. In-process, as RefusalExitCodeTest;
 * HostileCorpusTest runs the whole corpus in a child JVM of bounded memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class HostileInputTest {

    static final Pattern CLOSING = Pattern.compile("run (\\d+) completed: (\\d+) file\\(s\\) claimed, "
            + "(\\d+) refused whole; (\\d+) message\\(s\\) read = (\\d+) accepted \\+ (\\d+) rejected \\+ (\\d+) refused");

    private static final long SEED = 20261204L;

    private TestApp app;
    private DemoPki pki;
    private int goodFiles;

    record Night(int code, String output, long run, long files, long refused, long messages, long accepted,
                 long rejected, long refusedMessages, Duration took) {
    }

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir());
        Files.createDirectories(app.inbox());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    /** A good interchange of three declarations, new numbers each time. */
    static byte[] goodFile(String ref) {
        Interchange i = Interchange.from("HANBITTRD", ref);
        for (int n = 1; n <= 3; n++) {
            i.message(Cusdec.declaration(ref + "000" + n).item("9503003900", "CN", "100", "PCE", "800.00"));
        }
        return i.bytes();
    }

    private void drop(String name, byte[] bytes) throws Exception {
        Path file = Files.write(app.inbox().resolve(name), bytes);
        new CmsSigner().sign(file, app.inbox().resolve(name + ".p7s"), pki.credential("HANBITTRD"), true);
    }

    /** One night over {@code hostile} and a good file; checks what every night must hold. */
    private Night night(HostileCorpus.HostileFile hostile) throws Exception {
        String good = "good-" + (++goodFiles) + ".edi";
        drop(good, goodFile("GD" + goodFiles + "N"));
        drop(hostile.name(), hostile.bytes());
        StringWriter text = new StringWriter();
        long start = System.nanoTime();
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(text), new PrintWriter(new StringWriter()),
                "run", "customs");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String output = text.toString();
        Matcher m = CLOSING.matcher(output);
        assertThat(m.find()).as("exit " + code + "\n" + output).isTrue();
        Night n = new Night(code, output, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), took);

        assertThat(n.code()).as(output).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(n.files()).isEqualTo(2);
        assertThat(n.messages()).as("messages read add up").isEqualTo(n.accepted() + n.rejected() + n.refusedMessages());
        // the good file beside it is posted
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = ? AND f.original_name = ? AND d.status = 'ACCEPTED'", Long.class, n.run(), good))
                .isEqualTo(3);
        // every file archived or quarantined; a quarantined one with its reason beside it
        for (Map<String, Object> f : app.jdbc().queryForList(
                "SELECT state, reason_code, final_path FROM inbound_file WHERE run_id = ?", n.run())) {
            assertThat(f.get("state")).as(f.toString()).isIn("ARCHIVED", "QUARANTINED");
            assertThat(Path.of((String) f.get("final_path"))).exists();
            if ("QUARANTINED".equals(f.get("state"))) {
                assertThat(f.get("reason_code")).isNotNull();
                Path finalPath = Path.of((String) f.get("final_path"));
                try (var siblings = Files.list(finalPath.getParent())) {
                    assertThat(siblings.map(p -> p.getFileName().toString()))
                            .anyMatch(s -> s.endsWith(finalPath.getFileName() + ".reason.txt"));
                }
            }
        }
        // never silent: the hostile file has its exception lines and its CONTRL
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM exception_item e JOIN inbound_file f "
                + "ON f.id = e.file_id WHERE f.run_id = ? AND f.original_name = ?", Long.class, n.run(), hostile.name()))
                .isPositive();
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM answer a JOIN inbound_file f ON f.id = a.file_id "
                + "WHERE f.run_id = ? AND f.original_name = ? AND a.kind = 'CONTRL'", Long.class, n.run(), hostile.name()))
                .isEqualTo(1);
        // the ledger balanced
        assertThat(output).contains("balanced: yes");
        Map<String, Object> sums = app.jdbc().queryForMap("SELECT COALESCE(SUM(debit), 0) AS d, COALESCE(SUM(credit), 0) AS c "
                + "FROM journal_line");
        assertThat((BigDecimal) sums.get("d")).isEqualByComparingTo((BigDecimal) sums.get("c"));
        return n;
    }

    /** The hostile file's state and reason code. */
    private Map<String, Object> hostileFile(Night n, HostileCorpus.HostileFile hostile) {
        return app.jdbc().queryForMap("SELECT state, reason_code FROM inbound_file WHERE run_id = ? AND original_name = ?",
                n.run(), hostile.name());
    }

    /** The 0085 codes of the hostile file's rejected messages, and how many of its messages were accepted. */
    private List<String> messageCodes(Night n, HostileCorpus.HostileFile hostile) {
        return app.jdbc().queryForList("SELECT s.code FROM syntax_error s JOIN inbound_file f ON f.id = s.file_id "
                + "WHERE f.run_id = ? AND f.original_name = ? AND s.seq = 0 ORDER BY s.msg_index", String.class,
                n.run(), hostile.name());
    }

    private long accepted(Night n, HostileCorpus.HostileFile hostile) {
        return app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = ? AND f.original_name = ? AND d.status = 'ACCEPTED'", Long.class, n.run(),
                hostile.name());
    }

    private void refusedWhole(Kind kind, String reason) throws Exception {
        HostileCorpus.HostileFile f = HostileCorpus.of(kind, SEED);
        Night n = night(f);
        assertThat(n.refused()).isEqualTo(1);
        assertThat(hostileFile(n, f)).containsEntry("state", "QUARANTINED").containsEntry("reason_code", reason);
        assertThat(n.took()).isLessThan(Duration.ofSeconds(60));
    }

    /** One message of the file refused with {@code code}, the two others accepted and posted. */
    private Night oneMessageRefused(Kind kind, String... codes) throws Exception {
        HostileCorpus.HostileFile f = HostileCorpus.of(kind, SEED);
        Night n = night(f);
        assertThat(n.refused()).isZero();
        assertThat(hostileFile(n, f)).containsEntry("state", "ARCHIVED");
        assertThat(messageCodes(n, f)).hasSize(1).first().isIn((Object[]) codes);
        assertThat(accepted(n, f)).isEqualTo(2);
        assertThat(n.messages()).isEqualTo(6);
        return n;
    }

    @Test
    void aNulByteInsideAMessageRefusesThatMessage() throws Exception {
        Night n = oneMessageRefused(Kind.NUL_IN_MESSAGE, "21", "37");
        // the sender's NUL is shown, never stored
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM exception_item WHERE run_id = ? AND strpos(text, ?) > 0",
                Long.class, n.run(), "\\x00")).isPositive();
        assertThat(n.took()).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void twoMessagesWithOneReferenceRefuseTheSecond() throws Exception {
        oneMessageRefused(Kind.DUPLICATE_MESSAGE_REFERENCE, "26");
    }

    /** Valid syntax, but its value in won outgrows the ledger's columns: used to fail the chunk, every night. */
    @Test
    void anAmountBeyondWhatTheLedgerHoldsRejectsThatDeclaration() throws Exception {
        HostileCorpus.HostileFile f = HostileCorpus.of(Kind.HUGE_AMOUNT, SEED);
        Night n = night(f);
        assertThat(n.refused()).isZero();
        assertThat(hostileFile(n, f)).containsEntry("state", "ARCHIVED");
        assertThat(accepted(n, f)).isEqualTo(2);
        assertThat(app.jdbc().queryForList("SELECT e.code FROM declaration_error e JOIN inbound_file f "
                + "ON f.id = e.file_id WHERE f.run_id = ? AND f.original_name = ?", String.class, n.run(), f.name()))
                .containsExactly("C160");
    }

    @Test
    void aDataElementOf100000CharactersRefusesTheInterchange() throws Exception {
        refusedWhole(Kind.LONG_ELEMENT, "0085:39");
    }

    @Test
    void aMessageWithoutUntRefusesTheInterchange() throws Exception {
        refusedWhole(Kind.MISSING_UNT, "0085:13");
    }

    @Test
    void aLastMessageWithoutUntRefusesTheInterchange() throws Exception {
        refusedWhole(Kind.MISSING_LAST_UNT, "0085:13");
    }

    @Test
    void aSecondInterchangeInTheFileRefusesIt() throws Exception {
        refusedWhole(Kind.SECOND_INTERCHANGE, "0085:15");
    }

    @Test
    void dataAfterTheUnzRefusesTheInterchange() throws Exception {
        refusedWhole(Kind.TRAILING_DATA, "0085:15");
    }

    private void millionSegments(Kind kind, String... codes) throws Exception {
        Night n = oneMessageRefused(kind, codes);
        // seconds on a quiet machine (docs/PERFORMANCE.md); the bound leaves room for a busy one and a cold JVM
        assertThat(n.took()).as("a night over a %s file", kind).isLessThan(Duration.ofSeconds(90));
        HostileCorpus.HostileFile f = HostileCorpus.of(kind, SEED);
        // the first errors are kept and answered, and one more line says how much was left unchecked
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM syntax_error s JOIN inbound_file f ON f.id = s.file_id "
                + "WHERE f.run_id = ? AND f.original_name = ?", Long.class, n.run(), f.name())).isEqualTo(100);
        assertThat(app.jdbc().queryForObject("SELECT text FROM exception_item e JOIN inbound_file f ON f.id = e.file_id "
                + "WHERE f.run_id = ? AND f.original_name = ? ORDER BY e.seq DESC LIMIT 1", String.class, n.run(),
                f.name())).matches("validation stopped at 100 syntax errors, which are listed and answered; the \\d{6} "
                + "segment\\(s\\) after them were not checked");
    }

    @Test
    void aMillionFtxSegmentsInOneMessageCostSeconds() throws Exception {
        millionSegments(Kind.MILLION_FTX, "15");
    }

    @Test
    void aMillionItemGroupsInOneMessageCostSeconds() throws Exception {
        millionSegments(Kind.MILLION_CST, "13", "36");
    }

    @Test
    void aMillionLocSegmentsInOneMessageCostSeconds() throws Exception {
        // 35 too many repetitions where LOC may stand, 15 not in its defined position past the guide's header LOC
        millionSegments(Kind.MILLION_LOC, "35", "15");
    }

    @Test
    void aMillionUnsSegmentsInOneMessageCostSeconds() throws Exception {
        millionSegments(Kind.MILLION_UNS, "15", "35");
    }

    @Test
    void aSyntaxWeDoNotSupportRefusesTheInterchangeWithCodeTwo() throws Exception {
        refusedWhole(Kind.UNSUPPORTED_SYNTAX, "0085:2");
    }

    @Test
    void aMessageTypeWeDoNotProcessIsRefusedWithCodeFourteenAndTheOthersDecided() throws Exception {
        Night n = oneMessageRefused(Kind.UNSUPPORTED_MESSAGE_TYPE, "14");
        assertThat(app.jdbc().queryForList("SELECT e.category || ' ' || e.code FROM exception_item e JOIN inbound_file f "
                + "ON f.id = e.file_id WHERE f.run_id = ? AND f.original_name LIKE 'hostile-%'", String.class, n.run()))
                .containsExactly("SYNTAX 0085:14");
    }

    @Test
    void aFileFromAnUnknownSenderIsRefusedWithCodeTwentyThree() throws Exception {
        HostileCorpus.HostileFile f = HostileCorpus.of(Kind.UNKNOWN_SENDER, SEED);
        assertThat(f.sender()).startsWith("NOBODY").isNotEqualTo(f.signer());
        refusedWhole(Kind.UNKNOWN_SENDER, "0085:23");
        assertThat(app.jdbc().queryForList("SELECT e.category || ' ' || e.code FROM exception_item e JOIN inbound_file f "
                + "ON f.id = e.file_id WHERE f.original_name = ?", String.class, f.name())).containsExactly("FILE 0085:23");
    }

    /** An unexpected fault while one file's messages are decided refuses them (0085 code 18); the night goes on. */
    @Test
    void aMessageWhoseDecisionFailsIsRefusedAndTheNightGoesOn() throws Exception {
        HostileCorpus.HostileFile poison = new HostileCorpus.HostileFile(null, "poison.edi", "HANBITTRD", "HANBITTRD",
                goodFile("PZ" + SEED % 1000));
        app.bean(FaultDrill.class).poisonFile(poison.name());
        String good = "good-" + (goodFiles + 1) + ".edi";
        Night n = night(poison);
        assertThat(n.refused()).isZero();
        assertThat(messageCodes(n, poison)).containsExactly("18", "18", "18");
        assertThat(accepted(n, poison)).isZero();
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = ? AND f.original_name = ?", Long.class, n.run(), good)).isEqualTo(3);
    }
}

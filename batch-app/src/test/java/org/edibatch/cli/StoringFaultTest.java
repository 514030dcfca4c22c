package org.edibatch.cli;

import org.edibatch.config.CrashPoints;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.samples.xml.XmlBatch;
import org.edibatch.samples.xml.XmlDeclaration;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Answers;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.xml.XmlSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.transform.stream.StreamSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message the database refuses to store (here a CHECK constraint the test adds, standing for any value or
 * constraint PostgreSQL refuses: the refusal is PostgreSQL's own, inside the chunk's COPY) is refused alone with a
 * coded reason: the night completes with exit 2, every other message of the chunk (its own file's and a good
 * file's) is stored and posted once, the culprit is answered (0085 code 18 in CONTRL, C191 in an XML answer) and
 * listed, and the counts of the closing line add up. Likewise the messages after a point where the customs step
 * cannot read an interchange further.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class StoringFaultTest {

    private TestApp app;
    private DemoPki pki;

    record Night(int code, String output, long run, long messages, long accepted, long rejected, long refused) {
    }

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        // one partition: the pause drill below stops the one partition that reads the files
        app = TestApp.start(home, "edibatch.signature.required=true", "edibatch.threads=1",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir());
        Files.createDirectories(app.inbox());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @AfterEach
    void dropConstraints() {
        app.ownerJdbc().execute("ALTER TABLE declaration DROP CONSTRAINT IF EXISTS storing_fault");
        app.ownerJdbc().execute("ALTER TABLE declaration_number DROP CONSTRAINT IF EXISTS storing_fault");
    }

    private static byte[] interchange(String ref, String prefix) {
        Interchange i = Interchange.from("HANBITTRD", ref);
        for (int n = 1; n <= 3; n++) {
            i.message(Cusdec.declaration(prefix + n).item("9503003900", "CN", "100", "PCE", "800.00"));
        }
        return i.bytes();
    }

    private void drop(String name, byte[] bytes) throws Exception {
        Path file = Files.write(app.inbox().resolve(name), bytes);
        new CmsSigner().sign(file, app.inbox().resolve(name + ".p7s"), pki.credential("HANBITTRD"), true);
    }

    private Night night() {
        StringWriter text = new StringWriter();
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(text), new PrintWriter(new StringWriter()),
                "run", "customs");
        String output = text.toString();
        Matcher m = HostileInputTest.CLOSING.matcher(output);
        assertThat(m.find()).as("exit " + code + "\n" + output).isTrue();
        Night n = new Night(code, output, Long.parseLong(m.group(1)), Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)));
        assertThat(n.code()).as(output).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(n.messages()).as("messages read add up").isEqualTo(n.accepted() + n.rejected() + n.refused());
        assertThat(output).contains("balanced: yes");
        Map<String, Object> sums = app.jdbc().queryForMap("SELECT COALESCE(SUM(debit), 0) AS d, "
                + "COALESCE(SUM(credit), 0) AS c FROM journal_line");
        assertThat((BigDecimal) sums.get("d")).isEqualByComparingTo((BigDecimal) sums.get("c"));
        for (Map<String, Object> f : app.jdbc().queryForList("SELECT state FROM inbound_file WHERE run_id = ?", n.run())) {
            assertThat(f.get("state")).isEqualTo("ARCHIVED");
        }
        return n;
    }

    private List<String> statuses(Night n, String file) {
        return app.jdbc().queryForList("SELECT r.msg_index || ' ' || r.status || ' ' || COALESCE(d.status, '-') "
                + "FROM message_result r JOIN inbound_file f ON f.id = r.file_id LEFT JOIN declaration d "
                + "ON d.file_id = r.file_id AND d.msg_index = r.msg_index WHERE f.run_id = ? AND f.original_name = ? "
                + "ORDER BY r.msg_index", String.class, n.run(), file);
    }

    private long posted(String prefix) {
        return app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key LIKE ?", Long.class,
                "CUSDEC:HANBITTRD:" + prefix + "%");
    }

    @Test
    void anEdifactMessageTheDatabaseRefusesIsRefusedWithCode18AndTheOthersArePosted() throws Exception {
        // message 2 of the poisoned file, in one chunk with its neighbours and the good file's messages
        app.ownerJdbc().execute("ALTER TABLE declaration ADD CONSTRAINT storing_fault "
                + "CHECK (declaration_no <> 'SFP0002') NOT VALID");
        drop("good.edi", interchange("SFG", "SFG000"));
        drop("poisoned.edi", interchange("SFP", "SFP000"));

        Night n = night();

        assertThat(n.accepted()).isEqualTo(5);
        assertThat(n.rejected()).isEqualTo(1);
        assertThat(statuses(n, "good.edi")).containsExactly("0 ACCEPTED ACCEPTED", "1 ACCEPTED ACCEPTED",
                "2 ACCEPTED ACCEPTED");
        assertThat(statuses(n, "poisoned.edi")).containsExactly("0 ACCEPTED ACCEPTED", "1 REJECTED -",
                "2 ACCEPTED ACCEPTED");
        assertThat(posted("SFG")).isEqualTo(3);
        assertThat(posted("SFP")).as("the two others posted, the refused one not").isEqualTo(2);
        assertThat(app.jdbc().queryForList("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key = "
                + "'CUSDEC:HANBITTRD:SFP0002'", Long.class)).containsExactly(0L);
        // listed for the officers with the reason
        List<Map<String, Object>> lines = app.jdbc().queryForList("SELECT x.msg_index, x.code, x.text FROM exception_item x "
                + "JOIN inbound_file f ON f.id = x.file_id WHERE f.run_id = ? AND f.original_name = 'poisoned.edi' "
                + "AND x.category = 'SYNTAX'", n.run());
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.get("msg_index")).isEqualTo(1);
            assertThat(l.get("code")).isEqualTo("0085:18");
            assertThat((String) l.get("text")).contains("could not be stored").contains("SQLSTATE 23514");
        });
        // answered: the CONTRL rejects message 2 with code 18 and acknowledges the two others
        Path contrl = Path.of(app.jdbc().queryForObject("SELECT a.path FROM answer a JOIN inbound_file f "
                + "ON f.id = a.file_id WHERE f.run_id = ? AND f.original_name = 'poisoned.edi' AND a.kind = 'CONTRL'",
                String.class, n.run()));
        List<EdifactMessage> parsed = Answers.parseValid(contrl);
        List<org.edibatch.edifact.Segment> ucm = Answers.segments(parsed.get(0), "UCM");
        assertThat(ucm).hasSize(3);
        assertThat(ucm.get(1).value(1)).isEqualTo("2");
        assertThat(ucm.get(1).value(3)).isEqualTo("4");
        assertThat(ucm.get(1).value(4)).isEqualTo("18");
        assertThat(ucm.get(0).value(3)).isEqualTo("7");
        assertThat(ucm.get(2).value(3)).isEqualTo("7");
        // the good file's CUSRES accepts all three
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM answer a JOIN inbound_file f ON f.id = a.file_id "
                + "WHERE f.run_id = ? AND f.original_name = 'good.edi' AND a.kind = 'CUSRES'", Long.class, n.run()))
                .isEqualTo(1);
    }

    /**
     * The customs step gives up on an interchange at its second message (its copy is changed after the claim, standing
     * for anything the claim's pass lets through and the validating read cannot read): that message is refused with
     * the reader's code, the one after it is counted as refused, and the closing line still adds up to what the
     * claim counted.
     */
    @Test
    void theMessagesAfterAnUnreadablePointAreCountedAsRefused() throws Exception {
        drop("good-u.edi", interchange("SFV", "SFV000"));
        drop("cut.edi", interchange("SFU", "SFU000"));
        InputStream stdin = System.in;
        // the pause drill at the customs step's open waits for a line on standard input: the copy is changed then
        System.setIn(new InputStream() {
            private boolean changed;

            @Override
            public int read() throws IOException {
                if (changed) {
                    return -1;
                }
                changed = true;
                Path copy = Path.of(app.jdbc().queryForObject("SELECT work_path FROM inbound_file "
                        + "WHERE original_name = 'cut.edi' AND state = 'CLAIMED'", String.class));
                String text = Files.readString(copy, StandardCharsets.ISO_8859_1);
                assertThat(text).contains("SFU0002");
                Files.delete(copy);
                Files.writeString(copy, text.replace("SFU0002", "X".repeat(100_000)), StandardCharsets.ISO_8859_1);
                return '\n';
            }
        });
        Night n;
        try {
            CrashPoints.arm("customs.open:1:pause");
            n = night();
        } finally {
            CrashPoints.arm(null);
            System.setIn(stdin);
        }

        assertThat(statuses(n, "cut.edi")).containsExactly("0 ACCEPTED ACCEPTED", "1 REJECTED -");
        assertThat(n.messages()).isEqualTo(6);
        assertThat(n.accepted()).isEqualTo(4);
        assertThat(n.rejected()).isEqualTo(1);
        assertThat(n.refused()).as("the third message of cut.edi, never read").isEqualTo(1);
        assertThat(n.output()).contains("every message accounted for");
        assertThat(app.jdbc().queryForObject("SELECT x.code || ' ' || x.text FROM exception_item x "
                + "JOIN inbound_file f ON f.id = x.file_id WHERE f.run_id = ? AND f.original_name = 'cut.edi'",
                String.class, n.run())).startsWith("0085:39 ").contains("1 message(s) after this one in the "
                + "interchange are not read and are refused with it");
        assertThat(posted("SFU")).isEqualTo(1);
        assertThat(posted("SFV")).isEqualTo(3);
    }

    @Test
    void anXmlDeclarationTheDatabaseRefusesIsRejectedWithC191AndTheOthersArePosted() throws Exception {
        // the refusal is in the number claim, which only an accepted declaration makes
        app.ownerJdbc().execute("ALTER TABLE declaration_number ADD CONSTRAINT storing_fault "
                + "CHECK (declaration_no <> 'SFX0002') NOT VALID");
        XmlBatch batch = XmlBatch.from("HANBITTRD", "SFXB1");
        for (int k = 1; k <= 3; k++) {
            batch.declaration(XmlDeclaration.importDeclaration("SFX000" + k)
                    .item("9503003900", "CN", "100", "PCE", "800.00"));
        }
        drop("poisoned.xml", batch.bytes());
        drop("good-x.edi", interchange("SFH", "SFH000"));

        Night n = night();

        assertThat(n.accepted()).isEqualTo(5);
        assertThat(n.rejected()).isEqualTo(1);
        assertThat(app.jdbc().queryForList("SELECT d.declaration_no || ' ' || d.status || ' ' || COALESCE(e.code, '-') "
                + "FROM declaration d JOIN inbound_file f ON f.id = d.file_id LEFT JOIN declaration_error e "
                + "ON e.file_id = d.file_id AND e.msg_index = d.msg_index WHERE f.run_id = ? "
                + "AND f.original_name = 'poisoned.xml' ORDER BY d.msg_index", String.class, n.run()))
                .containsExactly("SFX0001 ACCEPTED -", "SFX0002 REJECTED C191", "SFX0003 ACCEPTED -");
        assertThat(posted("SFX")).isEqualTo(2);
        assertThat(posted("SFH")).isEqualTo(3);
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM exception_item x JOIN inbound_file f "
                + "ON f.id = x.file_id WHERE f.run_id = ? AND f.original_name = 'poisoned.xml' AND x.code = 'C191'",
                Long.class, n.run())).isEqualTo(1);
        Path answer = Path.of(app.jdbc().queryForObject("SELECT a.path FROM answer a JOIN inbound_file f "
                + "ON f.id = a.file_id WHERE f.run_id = ? AND f.original_name = 'poisoned.xml' AND a.kind = 'XMLRES'",
                String.class, n.run()));
        XmlSchemas.response().newValidator().validate(new StreamSource(answer.toFile()));
        assertThat(Files.readString(answer).split(">C191<", -1)).hasSize(2);
    }
}

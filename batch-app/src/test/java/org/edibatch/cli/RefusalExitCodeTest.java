package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.samples.xml.XmlSampleSet;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.Credential;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each class of refused file, alone in the inbox, makes the night exit 2 and is counted in the closing line;
 * a night of rejected messages exits 2 and a clean night 0. In-process: the command line's exit code is the
 * process's (CommandLineExitCodeTest proves that from a child JVM).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class RefusalExitCodeTest {

    private static final Pattern CLOSING = Pattern.compile("run (\\d+) completed: (\\d+) file\\(s\\) claimed, "
            + "(\\d+) refused whole; (\\d+) message\\(s\\) read = (\\d+) accepted \\+ (\\d+) rejected "
            + "\\+ (\\d+) refused; "
            + "(\\d+) line\\(s\\) in the exception file \\((\\d+) selected for review\\)");

    private TestApp app;
    private DemoPki pki;
    private Map<String, byte[]> samples;
    private Map<String, byte[]> xmlSamples;

    private record Night(int code, String output, long run, long files, long refused, long messages, long accepted,
                         long rejected, long refusedMessages, long lines) {
    }

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir());
        Files.createDirectories(app.inbox());
        samples = SampleSet.generate();
        xmlSamples = XmlSampleSet.generate();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    /** Puts the file in the inbox, with a detached signature by {@code signer} unless it is null. */
    private void drop(String name, byte[] bytes, String signer) throws Exception {
        Path file = Files.write(app.inbox().resolve(name), bytes);
        if (signer != null) {
            Credential c = pki.credential(signer);
            new CmsSigner().sign(file, app.inbox().resolve(name + ".p7s"), c, true);
        }
    }

    private Night night() throws Exception {
        StringWriter text = new StringWriter();
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(text), new PrintWriter(new StringWriter()),
                "run", "customs");
        String output = text.toString();
        Matcher m = CLOSING.matcher(output);
        assertThat(m.find()).as("exit " + code + "\n" + output).isTrue();
        Night n = new Night(code, output, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Long.parseLong(m.group(8)));
        assertThat(n.messages()).as("messages read add up")
                .isEqualTo(n.accepted() + n.rejected() + n.refusedMessages());
        // the line's numbers are the database's
        assertThat(n.lines()).isEqualTo(app.jdbc().queryForObject(
                "SELECT COUNT(*) FROM exception_item WHERE run_id = ?", Long.class, n.run()));
        assertThat(n.refused()).isEqualTo(app.jdbc().queryForObject(
                "SELECT COUNT(*) FROM inbound_file WHERE run_id = ? AND state = 'QUARANTINED'", Long.class, n.run()));
        return n;
    }

    private void assertRefusedAlone(Night n, String category) {
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(n.files()).isEqualTo(1);
        assertThat(n.refused()).isEqualTo(1);
        assertThat(n.accepted() + n.rejected()).isZero();
        assertThat(n.refusedMessages()).as("the refused file's messages are read and refused").isEqualTo(n.messages());
        assertThat(n.lines()).isPositive();
        assertThat(app.jdbc().queryForList("SELECT DISTINCT category FROM exception_item WHERE run_id = ?",
                String.class, n.run())).containsExactly(category);
    }

    @Test
    void aFileRefusedForItsSignatureAloneExitsTwoAndIsCounted() throws Exception {
        // signed by another registered party than the interchange's sender
        drop("good-hanbit-001.edi", samples.get("good-hanbit-001.edi"), "SEOULELEC");
        Night n = night();
        assertRefusedAlone(n, "SIGNATURE");
        assertThat(n.refusedMessages()).isPositive();
    }

    @Test
    void anInterchangeRefusedAtEnvelopeLevelAloneExitsTwoAndIsCounted() throws Exception {
        drop("bad-0085-28-unz-reference.edi", samples.get("bad-0085-28-unz-reference.edi"), "HANBITTRD");
        Night n = night();
        assertRefusedAlone(n, "FILE");
        assertThat(app.jdbc().queryForObject("SELECT reason_code FROM inbound_file WHERE run_id = ?", String.class,
                n.run())).isEqualTo("0085:28");
    }

    @Test
    void aFileThatIsNotEdifactAloneExitsTwoAndIsCounted() throws Exception {
        drop("bad-not-edifact.txt", samples.get("bad-not-edifact.txt"), "HANBITTRD");
        Night n = night();
        assertRefusedAlone(n, "FILE");
        assertThat(app.jdbc().queryForObject("SELECT reason_code FROM inbound_file WHERE run_id = ?", String.class,
                n.run())).isEqualTo("NOT_EDIFACT");
    }

    @Test
    void anXmlBatchRefusedWholeAloneExitsTwoAndIsCounted() throws Exception {
        drop("bad-xml-x001-not-well-formed.xml", xmlSamples.get("bad-xml-x001-not-well-formed.xml"), "HANBITTRD");
        Night n = night();
        assertRefusedAlone(n, "FILE");
        assertThat(app.jdbc().queryForObject("SELECT reason_code FROM inbound_file WHERE run_id = ?", String.class,
                n.run())).startsWith("XML:");
    }

    @Test
    void aSignatureFileWithoutItsFileAloneExitsTwoAndIsCounted() throws Exception {
        drop("lost.edi.p7s", "not a CMS structure".getBytes(), null);
        // past its grace period (one hour by default): a younger one waits for its file
        Files.setLastModifiedTime(app.inbox().resolve("lost.edi.p7s"),
                java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(7200)));
        Night n = night();
        assertRefusedAlone(n, "FILE");
        assertThat(app.jdbc().queryForObject("SELECT code FROM exception_item WHERE run_id = ?", String.class,
                n.run())).isEqualTo("ORPHAN_SIGNATURE");
    }

    @Test
    void aNightWithRejectedMessagesExitsTwoAndItsMessagesAddUp() throws Exception {
        drop("bad-content-unknown-importer.edi", samples.get("bad-content-unknown-importer.edi"), "HANBITTRD");
        Night n = night();
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(n.files()).isEqualTo(1);
        assertThat(n.refused()).isZero();
        assertThat(n.messages()).isEqualTo(3);
        assertThat(n.accepted()).isEqualTo(2);
        assertThat(n.rejected()).isEqualTo(1);
    }

    @Test
    void aCleanNightExitsZero() throws Exception {
        drop("good-seoulelec-002.edi", samples.get("good-seoulelec-002.edi"), "SEOULELEC");
        Night n = night();
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.OK);
        assertThat(n.files()).isEqualTo(1);
        assertThat(n.refused()).isZero();
        assertThat(n.rejected()).isZero();
        assertThat(n.accepted()).isEqualTo(n.messages()).isPositive();
    }
}

package org.edibatch.cli;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.Segment;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.samples.xml.XmlSampleSet;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Answers;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service-level answers through the real command, one class of input per test, each signed by a registered
 * party and alone in the inbox: a syntax version or identifier we do not support (0085 code 2), a message type
 * or release we do not process (code 14 on UNH, an exception line), an unknown sender (code 23, not a signature
 * reason), an over-long control reference (echoed within 14 characters), and answers in the sender's own
 * syntax (UNOY's Hangul intact) or its partner profile's. Each night exits 2 unless everything was accepted,
 * and its closing line adds up: read = accepted + rejected + refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ServiceLevelAnswersTest {

    private static final Pattern CLOSING = Pattern.compile("run (\\d+) completed: (\\d+) file\\(s\\) claimed, "
            + "(\\d+) refused whole; (\\d+) message\\(s\\) read = (\\d+) accepted \\+ (\\d+) rejected "
            + "\\+ (\\d+) refused; (\\d+) line\\(s\\) in the exception file");
    private static final String HANGUL = "\uD55C\uBE5B\uBB34\uC5ED"; // 한빛무역

    private TestApp app;
    private DemoPki pki;
    private Path outbox;

    private record Night(int code, String output, long run, long accepted, long rejected, long refused) {
    }

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir());
        Files.createDirectories(app.inbox());
        outbox = app.bean(EdiBatchProperties.class).outbox();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private void drop(String name, byte[] bytes, String signer) throws Exception {
        Path file = Files.write(app.inbox().resolve(name), bytes);
        new CmsSigner().sign(file, app.inbox().resolve(name + ".p7s"), pki.credential(signer), true);
    }

    private Night night() throws Exception {
        StringWriter text = new StringWriter();
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(text),
                new PrintWriter(new StringWriter()), "run", "customs");
        Matcher m = CLOSING.matcher(text.toString());
        assertThat(m.find()).as("exit " + code + "\n" + text).isTrue();
        Night n = new Night(code, text.toString(), Long.parseLong(m.group(1)), Long.parseLong(m.group(5)),
                Long.parseLong(m.group(6)), Long.parseLong(m.group(7)));
        assertThat(Long.parseLong(m.group(4))).as("read = accepted + rejected + refused")
                .isEqualTo(n.accepted() + n.rejected() + n.refused());
        return n;
    }

    private String reason(Night n) {
        return app.jdbc().queryForObject("SELECT reason_code FROM inbound_file WHERE run_id = ?", String.class,
                n.run());
    }

    private long declarations(Night n) {
        return app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = ?", Long.class, n.run());
    }

    /** The run's one answer of a kind, for the sender: its path. */
    private Path answer(String sender, String kind, Night n) throws Exception {
        long file = app.jdbc().queryForObject("SELECT id FROM inbound_file WHERE run_id = ?", Long.class, n.run());
        try (Stream<Path> s = Files.list(outbox.resolve(sender))) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(kind + "_")
                    && p.getFileName().toString().endsWith("_" + file + ".edi")).toList();
            assertThat(found).as(kind + " answers to file " + file).hasSize(1);
            return found.get(0);
        }
    }

    private boolean answered(String sender, String kind, Night n) throws Exception {
        long file = app.jdbc().queryForObject("SELECT id FROM inbound_file WHERE run_id = ?", Long.class, n.run());
        if (!Files.isDirectory(outbox.resolve(sender))) {
            return false;
        }
        try (Stream<Path> s = Files.list(outbox.resolve(sender))) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(kind + "_")
                    && p.getFileName().toString().endsWith("_" + file + ".edi"));
        }
    }

    private static Segment first(EdifactMessage m, String tag) {
        return Answers.segments(m, tag).get(0);
    }

    private static Cusdec good(String declarationNo) {
        return Cusdec.declaration(declarationNo).item("9503003900", "CN", "100", "PCE", "800.00");
    }

    @ParameterizedTest
    @CsvSource({"UNOA,1,SV1", "UNOB,2,SV2", "UNOC,2,SV3", "IATA,1,SV4", "IATB,1,SV5"})
    void aSyntaxWeDoNotSupportIsRefusedWholeWithCodeTwoAndNothingIsPosted(String identifier, String version,
                                                                        String ref) throws Exception {
        drop(ref + ".edi", Interchange.from("HANBITTRD", ref).syntax(identifier, version)
                .message(good(ref + "D1")).message(good(ref + "D2")).bytes(), "HANBITTRD");
        Night n = night();
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(reason(n)).isEqualTo("0085:2");
        assertThat(n.refused()).isEqualTo(2);
        assertThat(n.accepted() + n.rejected()).isZero();
        assertThat(declarations(n)).isZero();
        Path contrl = answer("HANBITTRD", "CONTRL", n);
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1)).as("answered in UNOC 3: theirs is not ours")
                .startsWith("UNB+UNOC:3+");
        Segment uci = first(Answers.parseValid(contrl).get(0), "UCI");
        assertThat(uci.value(4)).isEqualTo("4");
        assertThat(uci.value(5)).isEqualTo("2");
        assertThat(uci.value(6)).isEqualTo("UNB");
    }

    @ParameterizedTest
    @CsvSource({"INVOIC:D:96A:UN,BGM+380+INV1+9,1,MT1", "CUSRES:D:96B:UN,BGM+962+X+29,1,MT2",
            "APERAK:D:96B:UN,BGM+312+X+27,1,MT3"})
    void aMessageTypeWeDoNotProcessIsRefusedWithCodeFourteenAndAnExceptionLine(
            String identifier, String body, int component, String ref) throws Exception {
        drop(ref + ".edi", Interchange.from("HANBITTRD", ref).message("1", List.of(body)).message(good(ref + "D2"))
                .rewrite(t -> t.replace("UNH+1+CUSDEC:D:96B:UN", "UNH+1+" + identifier)).bytes(), "HANBITTRD");
        Night n = night();
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(n.accepted()).isEqualTo(1);
        assertThat(n.rejected()).isEqualTo(1);
        assertThat(declarations(n)).as("the CUSDEC beside it is decided").isEqualTo(1);
        assertThat(app.jdbc().queryForList("SELECT category || ' ' || code FROM exception_item WHERE run_id = ? "
                + "AND msg_index = 0", String.class, n.run())).containsExactly("SYNTAX 0085:14");
        List<EdifactMessage> contrl = Answers.parseValid(answer("HANBITTRD", "CONTRL", n));
        List<Segment> ucm = Answers.segments(contrl.get(0), "UCM");
        assertThat(ucm).hasSize(2);
        assertThat(ucm.get(0).value(2, 1)).isEqualTo(identifier.substring(0, 6));
        assertThat(ucm.get(0).value(3)).isEqualTo("4");
        assertThat(ucm.get(0).value(4)).isEqualTo("14");
        assertThat(ucm.get(0).value(5)).isEqualTo("UNH");
        assertThat(ucm.get(0).value(6, 1)).isEqualTo("2");
        assertThat(ucm.get(0).value(6, 2)).isEqualTo(Integer.toString(component));
        assertThat(ucm.get(1).value(3)).isEqualTo("7");
    }

    @Test
    void aNewerReleaseIsNotAnInvalidValueButOneWeDoNotProcessAnsweredInTheSendersVersion() throws Exception {
        drop("d03b.edi", Interchange.from("HANBITTRD", "RL1").syntax("UNOC", "4").message(good("RL1D1"))
                .rewrite(t -> t.replace("CUSDEC:D:96B:UN", "CUSDEC:D:03B:UN")).bytes(), "HANBITTRD");
        Night n = night();
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(n.rejected()).isEqualTo(1);
        assertThat(app.jdbc().queryForList("SELECT code FROM exception_item WHERE run_id = ?", String.class, n.run()))
                .containsExactly("0085:14");
        Path contrl = answer("HANBITTRD", "CONTRL", n);
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1))
                .startsWith("UNB+UNOC:4+KCS+HANBITTRD+20261128:");
        Segment ucm = first(Answers.parseValid(contrl).get(0), "UCM");
        assertThat(ucm.value(4)).isEqualTo("14");
        assertThat(ucm.value(6, 2)).as("the release component").isEqualTo("3");
    }

    @Test
    void aFileFromAnUnknownSenderIsRefusedAsSuchNotForItsSignature() throws Exception {
        // signed with a registered party's valid certificate, but the UNB names a sender nobody registered
        drop("unknown.edi", Interchange.from("NOBODYCO", "UK1").message(good("UK1D1")).bytes(), "HANBITTRD");
        Night n = night();
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(reason(n)).isEqualTo("0085:23");
        assertThat(app.jdbc().queryForList("SELECT category || ' ' || code FROM exception_item WHERE run_id = ?",
                String.class, n.run())).containsExactly("FILE 0085:23");
        assertThat(n.refused()).isEqualTo(1);
        Segment uci = first(Answers.parseValid(answer("NOBODYCO", "CONTRL", n)).get(0), "UCI");
        assertThat(uci.value(4)).isEqualTo("4");
        assertThat(uci.value(5)).isEqualTo("23");
        assertThat(answered("NOBODYCO", "APERAK", n)).as("no signature answer").isFalse();
    }

    @Test
    void anOverLongControlReferenceIsEchoedWithinItsFourteenCharacters() throws Exception {
        String ref = "LONGREF01234567"; // 15 characters: 0020 is an..14
        drop("long-ref.edi", Interchange.from("HANBITTRD", ref).message(good("LR1D1")).bytes(), "HANBITTRD");
        Night n = night();
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(reason(n)).isEqualTo("0085:39");
        Segment uci = first(Answers.parseValid(answer("HANBITTRD", "CONTRL", n)).get(0), "UCI");
        assertThat(uci.value(1)).isEqualTo(ref.substring(0, 14));
        assertThat(uci.value(5)).isEqualTo("39");
    }

    @Test
    void aUnoySenderIsAnsweredInUnoyWithItsHangulIntact() throws Exception {
        // the importer's code is unknown: the CUSRES says so, quoting it
        drop("unoy.edi", Interchange.from("MIRAECS", "UY1").syntax("UNOY", "4")
                .message(good("UY1D1").importer(HANGUL + "01", HANGUL + " \uC8FC\uC2DD\uD68C\uC0AC")).bytes(),
                "MIRAECS");
        Night n = night();
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(n.rejected()).isEqualTo(1);
        Path cusres = answer("MIRAECS", "CUSRES", n);
        String text = Files.readString(cusres, StandardCharsets.UTF_8);
        assertThat(text).startsWith("UNB+UNOY:4+KCS+MIRAECS+20261128:").contains("importer " + HANGUL + "01");
        String ftx = first(Answers.parseValid(cusres).get(0), "FTX").value(4, 1);
        assertThat(ftx).contains(HANGUL + "01");
        assertThat(Files.readString(answer("MIRAECS", "CONTRL", n), StandardCharsets.UTF_8)).startsWith("UNB+UNOY:4+");
    }

    @Test
    void aPartnerProfileOverridesTheAnswerSyntaxAndCanDeclineAPositiveContrl() throws Exception {
        // as if partner-profiles.csv held this row: the loader replaces the table only when the file changes
        app.jdbc().update("INSERT INTO ref_partner_profile VALUES ('SEOULELEC', 'UNOA:3', FALSE, 'XML', "
                + "DATE '2020-01-01')");
        try {
            drop("profile.edi", Interchange.from("SEOULELEC", "PF1").syntax("UNOC", "3")
                    .message(Cusdec.declaration("PF1D1").importer("SEOULEL05678", "SEOUL \u00C9LECTRONIQUE")
                            .item("9503003900", "CN", "100", "PCE", "800.00")).bytes(), "SEOULELEC");
            Night n = night();
            assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.OK);
            assertThat(n.accepted()).isEqualTo(1);
            assertThat(answered("SEOULELEC", "CONTRL", n)).as("no CONTRL when all was accepted").isFalse();
            Path cusres = answer("SEOULELEC", "CUSRES", n);
            assertThat(Files.readString(cusres, StandardCharsets.ISO_8859_1))
                    .startsWith("UNB+UNOA:3+KCS+SEOULELEC+261128:");
            Answers.parseValid(cusres);
        } finally {
            app.jdbc().update("DELETE FROM ref_partner_profile WHERE edi_id = 'SEOULELEC'");
        }
    }

    @Test
    void aPartnerProfileCanAskForAnEdifactCusresToAnXmlBatch() throws Exception {
        app.jdbc().update("INSERT INTO ref_partner_profile VALUES ('HANBITTRD', NULL, TRUE, 'EDIFACT', "
                + "DATE '2020-01-01')");
        try {
            drop("batch.xml", XmlSampleSet.generate().get("good-xml-export-002.xml"), "HANBITTRD");
            Night n = night();
            assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.OK);
            assertThat(n.accepted()).isPositive();
            Path cusres = answer("HANBITTRD", "CUSRES", n);
            assertThat(Files.readString(cusres, StandardCharsets.ISO_8859_1)).startsWith("UNB+UNOC:3+KCS+HANBITTRD+");
            assertThat(Answers.parseValid(cusres)).hasSize((int) n.accepted());
            long file = app.jdbc().queryForObject("SELECT id FROM inbound_file WHERE run_id = ?", Long.class, n.run());
            assertThat(app.jdbc().queryForList("SELECT kind FROM answer WHERE file_id = ?", String.class, file))
                    .containsExactly("CUSRES");
        } finally {
            app.jdbc().update("DELETE FROM ref_partner_profile WHERE edi_id = 'HANBITTRD'");
        }
    }
}

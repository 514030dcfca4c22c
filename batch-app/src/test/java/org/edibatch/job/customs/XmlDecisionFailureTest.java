package org.edibatch.job.customs;

import org.edibatch.cli.PkiCommands;
import org.edibatch.samples.xml.XmlSampleSet;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.xml.XmlSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import javax.xml.transform.stream.StreamSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An XML declaration whose decision fails (the poison drill stands for a fault in the rules) is rejected with
 * C190 in the sender's XML answer and the exception report; the run completes and the other file is posted.
 */
@SlowTest
class XmlDecisionFailureTest {

    @Test
    void anXmlDeclarationWhoseDecisionFailsIsRejectedWithC190AndTheNightGoesOn(@TempDir Path home) throws Exception {
        DemoPki pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK),
                PkiCommands.registryParties());
        try (TestApp app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir())) {
            Files.createDirectories(app.inbox());
            drop(app, pki, "poison.xml", "HANBITTRD", XmlSampleSet.hanbitTwins("HANBITTRD", "PZ0001"));
            drop(app, pki, "good.xml", XmlSampleSet.TWIN_SENDER,
                    XmlSampleSet.hanbitTwins(XmlSampleSet.TWIN_SENDER, "GD0001"));
            app.bean(FaultDrill.class).poisonFile("poison.xml");

            JobExecution run = app.runCustoms("xml-poison");

            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            long runId = run.getJobInstance().getInstanceId();
            assertThat(app.jdbc().queryForList("SELECT d.status || ' ' || COALESCE(e.code, '-') FROM declaration d "
                    + "JOIN inbound_file f ON f.id = d.file_id LEFT JOIN declaration_error e ON e.file_id = d.file_id "
                    + "AND e.msg_index = d.msg_index WHERE f.run_id = ? AND f.original_name = 'poison.xml' "
                    + "ORDER BY d.msg_index", String.class, runId))
                    .containsExactly("REJECTED C190", "REJECTED C190", "REJECTED C190");
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM exception_item x JOIN inbound_file f "
                    + "ON f.id = x.file_id WHERE f.run_id = ? AND f.original_name = 'poison.xml' AND x.code = 'C190'",
                    Long.class, runId)).isEqualTo(3);
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f "
                    + "ON f.id = d.file_id WHERE f.run_id = ? AND f.original_name = 'good.xml' AND d.status = 'ACCEPTED'",
                    Long.class, runId)).isEqualTo(3);
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key LIKE "
                    + "'CUSDEC:HANBITTRD:%'", Long.class)).as("nothing posted for the refused file").isZero();

            // the sender's answer is valid against the response schema and carries the code for each declaration
            Path answer = Path.of(app.jdbc().queryForObject("SELECT a.path FROM answer a JOIN inbound_file f "
                    + "ON f.id = a.file_id WHERE f.run_id = ? AND f.original_name = 'poison.xml' AND a.kind = 'XMLRES'",
                    String.class, runId));
            XmlSchemas.response().newValidator().validate(new StreamSource(answer.toFile()));
            String xml = Files.readString(answer);
            assertThat(xml.split(">C190<", -1)).as(xml).hasSize(3 + 1);
        }
    }

    private static void drop(TestApp app, DemoPki pki, String name, String signer, byte[] bytes) throws Exception {
        Path file = Files.write(app.inbox().resolve(name), bytes);
        new CmsSigner().sign(file, app.inbox().resolve(name + ".p7s"), pki.credential(signer), true);
    }
}

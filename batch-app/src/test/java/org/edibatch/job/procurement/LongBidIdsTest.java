package org.edibatch.job.procurement;

import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bid's receipt is named after the bidder's and the tender's ids as the sender wrote them: a tender id and a bid
 * reference as long as D96B allows (an..35, with characters a path would take for its own), in an EDIFACT bid that
 * is then refused, still get their coded receipt under a safe name within the file system's limits; a bid with ids
 * of 300 characters is refused whole, the EDIFACT one by its guide (D96B's lengths), the XML one by its schema.
 */
@SlowTest
class LongBidIdsTest {

    @Test
    void bidsWithIdsOf300CharactersAreAnsweredUnderBoundedSafeNames(@TempDir Path home) throws Exception {
        ProcurementFixture f = new ProcurementFixture(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK));
        String tenderA = "T/../" + "2".repeat(29) + "A";
        String tenderB = "T/../" + "2".repeat(29) + "B";
        String tooLong = "T/../" + "2".repeat(294) + "C";
        try (TestApp app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + f.pki.trustDir(), "edibatch.trust.crls=" + f.pki.crlDir(),
                "edibatch.procurement.agency-keystore=" + f.agencyP12(),
                "edibatch.procurement.agency-keystore-password=changeit")) {
            Files.createDirectories(home.resolve("procurement/tenders-inbox"));
            Path bids = Files.createDirectories(home.resolve("procurement/bids-inbox"));
            byte[] seal = f.seal("T2026-0001", "V005", 400_000_000L);
            // the CONTEN reader takes a tender id and a bid reference as long as D96B allows: the bid is refused (no
            // such tender) and answered
            Files.write(bids.resolve("long-a.edi"), ProcurementSamples.bidEdifact("CB0001", "KONEPS",
                    "B-" + "7".repeat(33), "202611280900", tenderA, "V005", 5, 9, seal));
            Files.write(bids.resolve("long-b.edi"), ProcurementSamples.bidEdifact("CB0002", "KONEPS",
                    "B-" + "7".repeat(33), "202611280900", tenderB, "V005", 5, 9, seal));
            // the XML bid's schema and the CONTEN's guide bound their ids: refused whole, with their reason
            f.xmlBid(bids, "long-c.xml", tooLong, "V " + "9".repeat(298), 5, 9, seal, "V005");
            Files.write(bids.resolve("long-d.edi"), ProcurementSamples.bidEdifact("CB0003", "KONEPS",
                    "B-" + "7".repeat(298), "202611280900", tooLong, "V005", 5, 9, seal));

            JobExecution intake = app.bean(JobOperator.class).start(app.bean(ProcurementJobs.class)
                    .byName("bidIntakeJob"), new JobParametersBuilder().addString("intake.at", "1").toJobParameters());

            assertThat(intake.getStatus()).as(intake.getAllFailureExceptions().toString())
                    .isEqualTo(BatchStatus.COMPLETED);
            List<Map<String, Object>> answered = app.jdbc().queryForList("SELECT f.original_name, b.status, "
                    + "b.tender_id, r.answer_path FROM bid b JOIN inbound_file f ON f.id = b.file_id "
                    + "JOIN bid_receipt r ON r.bid_id = b.id ORDER BY f.original_name");
            assertThat(answered).extracting(m -> m.get("original_name")).containsExactly("long-a.edi", "long-b.edi");
            Path outbox = home.resolve("outbox").toAbsolutePath().normalize();
            for (Map<String, Object> a : answered) {
                assertThat(a.get("status")).isEqualTo("REJECTED");
                Path answer = Path.of((String) a.get("answer_path"));
                assertThat(answer).exists();
                // a bidder folder under the outbox, a bounded and harmless name in it
                assertThat(answer.toAbsolutePath().normalize().getParent().getParent()).isEqualTo(outbox);
                String name = answer.getFileName().toString();
                assertThat(name.getBytes(StandardCharsets.UTF_8).length).as(name).isLessThanOrEqualTo(100);
                assertThat(name).matches("[A-Za-z0-9._~-]+");
                assertThat(Files.readString(answer, StandardCharsets.ISO_8859_1)).contains("+27'");
            }
            assertThat(answered.get(0).get("tender_id")).as("the id is kept whole as data").isEqualTo(tenderA);
            assertThat(answered.get(0).get("answer_path")).isNotEqualTo(answered.get(1).get("answer_path"));
            for (String refused : List.of("long-c.xml", "long-d.edi")) {
                assertThat(app.jdbc().queryForMap("SELECT state, reason_code FROM inbound_file "
                        + "WHERE original_name = ?", refused)).as(refused).containsEntry("state", "QUARANTINED")
                        .containsEntry("reason_code", "B01");
            }
        }
    }
}

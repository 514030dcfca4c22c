package org.edibatch.job.customs;

import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A declaration number accepted in an earlier chunk (here: an earlier run) is refused as a duplicate, in a chunk
 * where the other numbers are new: the chunk's number claims then cannot all go in by COPY, and the claims that
 * are new must still be taken, each number posted once.
 */
@SlowTest
class DuplicateNumbersTest {

    @Test
    void aNumberAcceptedInAnEarlierRunIsRefusedAndTheNewOnesOfItsChunkAreTaken(@TempDir Path home) throws Exception {
        try (TestApp app = TestApp.start(home)) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("first.edi"), Interchange.from("HANBITTRD", "DUP0001")
                    .message(laptops("HB2611259001")).message(laptops("HB2611259002")).bytes());
            assertThat(app.runCustoms("first").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // Another interchange (new control reference): one number of the first run between two new ones.
            Files.write(app.inbox().resolve("second.edi"), Interchange.from("HANBITTRD", "DUP0002")
                    .message(laptops("HB2611259003")).message(laptops("HB2611259002"))
                    .message(laptops("HB2611259004")).bytes());
            assertThat(app.runCustoms("second").getStatus()).isEqualTo(BatchStatus.COMPLETED);

            List<Map<String, Object>> second = app.jdbc().queryForList("SELECT d.declaration_no, d.status, "
                    + "(SELECT string_agg(e.code, ',') FROM declaration_error e WHERE e.file_id = d.file_id "
                    + "AND e.msg_index = d.msg_index) AS codes FROM declaration d JOIN interchange i "
                    + "ON i.file_id = d.file_id WHERE i.control_ref = 'DUP0002' ORDER BY d.msg_index");
            assertThat(second).extracting(r -> r.get("declaration_no") + " " + r.get("status") + " " + r.get("codes"))
                    .containsExactly("HB2611259003 ACCEPTED null", "HB2611259002 REJECTED C150",
                            "HB2611259004 ACCEPTED null");
            // each number claimed by the file whose declaration was accepted, and posted once
            assertThat(app.jdbc().queryForList("SELECT n.declaration_no || ' ' || i.control_ref FROM "
                    + "declaration_number n JOIN interchange i ON i.file_id = n.file_id WHERE n.sender = 'HANBITTRD' "
                    + "ORDER BY 1", String.class)).containsExactly("HB2611259001 DUP0001", "HB2611259002 DUP0001",
                    "HB2611259003 DUP0002", "HB2611259004 DUP0002");
            assertThat(app.jdbc().queryForList("SELECT idempotency_key || ' ' || COUNT(*) FROM journal_entry "
                    + "GROUP BY idempotency_key ORDER BY 1", String.class))
                    .containsExactly("CUSDEC:HANBITTRD:HB2611259001 1", "CUSDEC:HANBITTRD:HB2611259002 1",
                            "CUSDEC:HANBITTRD:HB2611259003 1", "CUSDEC:HANBITTRD:HB2611259004 1");
            Integer unbalanced = app.jdbc().queryForObject("SELECT COUNT(*) FROM (SELECT entry_id FROM journal_line "
                    + "GROUP BY entry_id HAVING SUM(debit) <> SUM(credit) OR COUNT(*) < 2) x", Integer.class);
            assertThat(unbalanced).isZero();
        }
    }

    private static Cusdec laptops(String number) {
        return Cusdec.declaration(number).item("8471300000", "CN", "10", "PCE", "10000.00");
    }
}

package org.edibatch.job.customs;

import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The links file -> message result -> declaration, checked by PostgreSQL once per statement by triggers instead of
 * foreign keys: everything a foreign key guarantees must hold, for single rows and for many rows at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class MessageTablesDatabaseTest {

    private TestApp app;

    @BeforeAll
    void start(@TempDir Path home) {
        app = TestApp.start(home);
        app.jdbc().update("INSERT INTO inbound_file (id, run_id, original_name, work_path, sha256, size_bytes, received_at, "
                + "format, state) VALUES (9001, 1, 'a.edi', '/w/a.edi', 'x', 1, now(), 'EDIFACT', 'CLAIMED'), "
                + "(9002, 1, 'b.edi', '/w/b.edi', 'y', 1, now(), 'EDIFACT', 'CLAIMED')");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private int message(long file, int index) {
        return app.jdbc().update("INSERT INTO message_result (file_id, msg_index, message_ref, message_type, status) "
                + "VALUES (?, ?, 'R', 'CUSDEC:D:96B:UN', 'ACCEPTED')", file, index);
    }

    private int declaration(long file, int index) {
        return app.jdbc().update("INSERT INTO declaration (file_id, msg_index, sender, declaration_no, status) "
                + "VALUES (?, ?, 'S', 'D" + file + "-" + index + "', 'REJECTED')", file, index);
    }

    @Test
    void aMessageResultNeedsItsFile() {
        assertThat(message(9001, 0)).isEqualTo(1);
        assertThatThrownBy(() -> message(777, 0)).hasMessageContaining("inbound file 777 does not exist");
        // one bad row refuses the whole statement
        assertThatThrownBy(() -> app.jdbc().update("INSERT INTO message_result (file_id, msg_index, message_ref, "
                + "message_type, status) VALUES (9001, 1, 'R', 'T', 'ACCEPTED'), (778, 0, 'R', 'T', 'ACCEPTED')"))
                .hasMessageContaining("inbound file 778 does not exist");
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM message_result WHERE file_id = 9001 AND msg_index = 1",
                Integer.class)).isZero();
    }

    @Test
    void aDeclarationNeedsItsMessageResult() {
        message(9002, 0);
        assertThat(declaration(9002, 0)).isEqualTo(1);
        assertThatThrownBy(() -> declaration(9002, 5)).hasMessageContaining("no message result for file 9002 message 5");
    }

    @Test
    void aParentWithChildrenCannotBeRemovedOrRenumbered() {
        message(9002, 1);
        declaration(9002, 1);
        // as the owner: the application's role may not delete or renumber at all (LeastPrivilegeTest)
        assertThatThrownBy(() -> app.ownerJdbc().update("DELETE FROM inbound_file WHERE id = 9002"))
                .hasMessageContaining("has message results");
        assertThatThrownBy(() -> app.ownerJdbc().update("UPDATE inbound_file SET id = 9999 WHERE id = 9002"))
                .hasMessageContaining("has message results");
        assertThatThrownBy(() -> app.ownerJdbc().update("DELETE FROM message_result WHERE file_id = 9002 AND msg_index = 1"))
                .hasMessageContaining("has a declaration");
        // with the officers' decisions (V13), which hold a foreign key to declaration, and the versions they made
        // (V16), which hold one to them: the triggers refuse it
        assertThatThrownBy(() -> app.ownerJdbc().execute("TRUNCATE message_result, declaration, syntax_error, "
                + "officer_decision, officer_decision_applied, declaration_version")).hasMessageContaining("refused");
        assertThatThrownBy(() -> app.ownerJdbc().execute("TRUNCATE inbound_file CASCADE")).hasMessageContaining("refused");
        // a parent without children is not held
        app.ownerJdbc().update("INSERT INTO inbound_file (id, run_id, original_name, work_path, sha256, size_bytes, received_at, "
                + "format, state) VALUES (9003, 1, 'c.edi', '/w/c.edi', 'z', 1, now(), 'EDIFACT', 'CLAIMED')");
        assertThat(app.ownerJdbc().update("DELETE FROM inbound_file WHERE id = 9003")).isEqualTo(1);
    }

    /**
     * The review queue's trigger (V18): of the yellow and red accepted declarations a statement adds, those replaced
     * or cancelled by a later row of the same statement stay out, and a replacement takes an earlier statement's
     * version out of the queue.
     */
    @Test
    void theReviewQueueTakesOnlyTheLatestVersionOfAStatementsDeclarations() {
        for (int i = 10; i < 17; i++) {
            message(9001, i);
        }
        app.jdbc().update("INSERT INTO declaration (file_id, msg_index, sender, declaration_no, status, channel) "
                + "VALUES (9001, 10, 'Q', 'EARLIER', 'ACCEPTED', 'RED')");
        app.jdbc().update("INSERT INTO declaration (file_id, msg_index, sender, declaration_no, status, channel, "
                + "message_function) VALUES "
                + "(9001, 11, 'Q', 'KEPT', 'ACCEPTED', 'YELLOW', '9'), "
                + "(9001, 12, 'Q', 'REPLACED', 'ACCEPTED', 'RED', '9'), "
                + "(9001, 13, 'Q', 'REPLACED', 'ACCEPTED', 'YELLOW', '5'), "
                + "(9001, 14, 'Q', 'CANCELLED', 'ACCEPTED', 'RED', '9'), "
                + "(9001, 15, 'Q', 'CANCELLED', 'ACCEPTED', 'GREEN', '1'), "
                + "(9001, 16, 'Q', 'EARLIER', 'ACCEPTED', 'YELLOW', '5')");
        assertThat(app.jdbc().queryForList("SELECT declaration_no || ' ' || msg_index || ' ' || channel "
                + "FROM review_queue WHERE sender = 'Q' ORDER BY msg_index", String.class))
                .containsExactly("KEPT 11 YELLOW", "REPLACED 13 YELLOW", "EARLIER 16 YELLOW");
    }
}

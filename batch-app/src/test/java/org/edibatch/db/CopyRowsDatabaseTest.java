package org.edibatch.db;

import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class CopyRowsDatabaseTest {

    private TestApp app;

    @BeforeAll
    void start(@TempDir Path home) {
        app = TestApp.start(home);
        app.ownerJdbc().execute("CREATE TABLE copy_rows_probe (seq INT PRIMARY KEY, t TEXT, n NUMERIC(20,2), big BIGINT)");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void valuesComeBackAsTheyWereSentWhateverTheyHoldAndAnEmptyBatchSendsNothing() {
        List<String> texts = List.of("plain", "tab\there", "line\nbreak", "back\\slash", "cr\rlf\r\n", "\\N",
                "ends with \\", "\t", "한국어 세관", "");
        CopyRows rows = new CopyRows("copy_rows_probe", "seq, t, n, big");
        for (int i = 0; i < texts.size(); i++) {
            rows.add(i, texts.get(i), new BigDecimal("12345678.90"), Long.MAX_VALUE - i);
        }
        rows.add(texts.size(), null, null, null);

        assertThat(rows.copy(app.jdbc())).isEqualTo(texts.size() + 1);
        assertThat(rows.size()).isZero();
        assertThat(rows.copy(app.jdbc())).isZero();

        List<Map<String, Object>> back = app.jdbc().queryForList("SELECT seq, t, n, big FROM copy_rows_probe ORDER BY seq");
        for (int i = 0; i < texts.size(); i++) {
            assertThat(back.get(i).get("t")).as("row %d", i).isEqualTo(texts.get(i));
            assertThat(back.get(i).get("n")).isEqualTo(new BigDecimal("12345678.90"));
            assertThat(back.get(i).get("big")).isEqualTo(Long.MAX_VALUE - i);
        }
        assertThat(back.get(texts.size()).get("t")).isNull();
        assertThat(back.get(texts.size()).get("n")).isNull();
    }

    /** PostgreSQL text cannot hold NUL: a sender's NUL arrives shown as \x00, and the chunk is not refused. */
    @Test
    void aNulIsStoredShownNotRefused() {
        CopyRows rows = new CopyRows("copy_rows_probe", "seq, t, n, big");
        rows.add(9000, "H\u0000ANBIT", null, null);
        assertThat(rows.copy(app.jdbc())).isEqualTo(1);
        assertThat(app.jdbc().queryForObject("SELECT t FROM copy_rows_probe WHERE seq = 9000", String.class))
                .isEqualTo("H\\x00ANBIT");
    }

    @Test
    void rowsRefusedByAUniqueKeyLeaveNothingAndTheTransactionGoesOn() {
        TransactionTemplate tx = app.bean(TransactionTemplate.class);
        Boolean[] results = tx.execute(s -> {
            CopyRows fresh = new CopyRows("copy_rows_probe", "seq, t, n, big");
            fresh.add(100, "a", null, null).add(101, "b", null, null);
            boolean first = fresh.copyUnlessTaken(app.jdbc());
            CopyRows clash = new CopyRows("copy_rows_probe", "seq, t, n, big");
            clash.add(102, "c", null, null).add(101, "again", null, null).add(103, "d", null, null);
            boolean second = clash.copyUnlessTaken(app.jdbc());
            // the transaction is still usable after the refusal: the same rows go in one by one
            app.jdbc().update("INSERT INTO copy_rows_probe (seq, t) VALUES (102, 'c'), (103, 'd') ON CONFLICT DO NOTHING");
            return new Boolean[]{first, second, clash.size() == 0};
        });
        assertThat(results).containsExactly(true, false, true);
        assertThat(app.jdbc().queryForList("SELECT seq || ':' || t FROM copy_rows_probe WHERE seq BETWEEN 100 AND 199 "
                + "ORDER BY seq", String.class)).containsExactly("100:a", "101:b", "102:c", "103:d");

        // outside a transaction the refused COPY is the whole statement: nothing of it stays either
        CopyRows clash = new CopyRows("copy_rows_probe", "seq, t, n, big");
        clash.add(104, "e", null, null).add(100, "again", null, null);
        assertThat(clash.copyUnlessTaken(app.jdbc())).isFalse();
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM copy_rows_probe WHERE seq = 104", Integer.class))
                .isZero();
    }

    @Test
    void aRefusalForAnotherReasonIsNotTakenForATakenKey() {
        CopyRows bad = new CopyRows("copy_rows_probe", "seq, t, n, big");
        bad.add(200, "x", "not a number", null);
        assertThatThrownBy(() -> bad.copyUnlessTaken(app.jdbc())).hasStackTraceContaining("numeric");
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM copy_rows_probe WHERE seq = 200", Integer.class))
                .isZero();
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedBeforeAnythingIsSent() {
        CopyRows rows = new CopyRows("copy_rows_probe", "seq, t, n, big");
        assertThatThrownBy(() -> rows.add(1, "two")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values for 4 columns");
        assertThat(rows.size()).isZero();
    }

    @Test
    void typedRowsSendTheSameTextAsValueRowsAndAShortRowIsDroppedWhole() {
        CopyRows typed = new CopyRows("copy_rows_probe", "seq, t, n, big");
        typed.row().col(300).col("tab\there").col(new BigDecimal("-0.50")).col(Long.MIN_VALUE).end();
        typed.row().col(301).col((String) null).col((BigDecimal) null).col((Object) null).end();
        typed.row().col(302).col("half");
        assertThatThrownBy(typed::end).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values for 4 columns");
        assertThatThrownBy(() -> typed.col(1)).isInstanceOf(IllegalStateException.class);
        typed.row().col(303L).col((Object) "obj").col((Object) new BigDecimal("7")).col((Object) 9L).end();
        assertThat(typed.size()).isEqualTo(3);
        assertThat(typed.copy(app.jdbc())).isEqualTo(3);

        List<Map<String, Object>> back = app.jdbc().queryForList(
                "SELECT seq, t, n, big FROM copy_rows_probe WHERE seq BETWEEN 300 AND 303 ORDER BY seq");
        assertThat(back).hasSize(3);
        assertThat(back.get(0)).containsEntry("t", "tab\there").containsEntry("n", new BigDecimal("-0.50"))
                .containsEntry("big", Long.MIN_VALUE);
        assertThat(back.get(1).get("t")).isNull();
        assertThat(back.get(1).get("n")).isNull();
        assertThat(back.get(1).get("big")).isNull();
        assertThat(back.get(2)).containsEntry("seq", 303).containsEntry("t", "obj").containsEntry("big", 9L);
    }
}

package org.edibatch.db;

import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyRowsDatabaseTest {

    private TestApp app;

    @BeforeAll
    void start(@TempDir Path home) {
        app = TestApp.start(home);
        app.jdbc().execute("CREATE TABLE copy_rows_probe (seq INT PRIMARY KEY, t TEXT, n NUMERIC(20,2), big BIGINT)");
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

    @Test
    void aRowOfTheWrongWidthIsRefusedBeforeAnythingIsSent() {
        CopyRows rows = new CopyRows("copy_rows_probe", "seq, t, n, big");
        assertThatThrownBy(() -> rows.add(1, "two")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values for 4 columns");
        assertThat(rows.size()).isZero();
    }
}

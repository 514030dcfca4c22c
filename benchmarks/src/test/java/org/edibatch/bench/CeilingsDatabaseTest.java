package org.edibatch.bench;

import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@SlowTest
class CeilingsDatabaseTest {

    @Test
    void theDeclarationRowsCeilingFillsTablesShapedLikeTheApplicationsAndLeavesNothingBehind(@TempDir Path home)
            throws Exception {
        try (TestApp app = TestApp.start(home)) {
            String url = app.ownerUrl(); // it creates a schema of its own beside the application's

            // Two writers into the same tables, as the partitions: their rows must pass the application's own keys
            // and checks (a duplicate key or a refused journal line fails the COPY), 7 rows for each declaration.
            Ceilings.Result r = Ceilings.copyRowsRun(url, 1_001, 2);

            assertThat(r.stage()).isEqualTo(Ceilings.ROWS_STAGE);
            assertThat(r.threads()).isEqualTo(2);
            assertThat(r.declarations()).isEqualTo(1_001);
            assertThat(r.rate()).isPositive();
            assertThat(app.jdbc().queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Long.class,
                    Ceilings.ROWS_SCHEMA)).isZero();
            assertThat(app.jdbc().queryForObject("SELECT (SELECT count(*) FROM declaration) + "
                    + "(SELECT count(*) FROM journal_line) + (SELECT count(*) FROM declaration_number)", Long.class))
                    .as("the application's own tables are not touched").isZero();
        }
    }
}

package org.edibatch.release;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.Segment;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.support.Answers;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import org.edibatch.cli.EdiBatchCommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release step over two nights. HANUL (HANULM000777) is on monthly payment, HANBIT is not, and nothing is paid:
 * a green declaration of HANUL's is released at once, HANBIT's waits for its payment, a red one of HANUL's waits
 * for the officer and is released the night after the officer released it. Each release is recorded once, notified
 * once (CUSRES, GIS 7365 code 4), and closes the declaration to replacements (C174).
 */
@SlowTest
class ReleaseStepTest {

    @Test
    void releasedOnceWhenTheChannelAndThePaymentAllowIt(@TempDir Path home) throws Exception {
        try (TestApp app = TestApp.start(home, "edibatch.signature.required=false")) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("a.edi"), Interchange.from("DAEHANCB", "RELA")
                    .message(shirts("REL001", "HANULM000777"))
                    .message(shirts("REL002", "HANBIT001234"))
                    .message(gold("REL003"))
                    .message(gold("REL004")).bytes());
            assertThat(app.runCustoms("night-1").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            long run1 = app.jdbc().queryForObject("SELECT MAX(run_id) FROM inbound_file", Long.class);
            assertThat(app.jdbc().queryForList("SELECT declaration_no || ' ' || channel FROM declaration ORDER BY 1",
                    String.class)).containsExactly("REL001 GREEN", "REL002 GREEN", "REL003 RED", "REL004 RED");
            assertThat(releases(app)).containsExactly("REL001 MONTHLY GREEN run " + run1);
            assertThat(notice(app, run1)).containsExactly("REL001 GIS+4");

            // the officer releases REL004 (red) in the console; REL003 is not decided
            app.jdbc().update("INSERT INTO officer_decision (sender, declaration_no, file_id, msg_index, kind, reason, "
                    + "officer_subject, officer_serial, decided_at) SELECT sender, declaration_no, file_id, msg_index, "
                    + "'RELEASE', 'inspected: as declared', 'CN=Officer Kim', '01', now() FROM declaration "
                    + "WHERE declaration_no = 'REL004'");
            Files.write(app.inbox().resolve("b.edi"), Interchange.from("DAEHANCB", "RELB")
                    .message(shirts("REL001", "HANULM000777").replacement())
                    .message(gold("REL003").replacement()).bytes());
            assertThat(app.runCustoms("night-2").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            long run2 = app.jdbc().queryForObject("SELECT MAX(run_id) FROM inbound_file", Long.class);
            assertThat(run2).isGreaterThan(run1);
            assertThat(releases(app)).containsExactly("REL001 MONTHLY GREEN run " + run1,
                    "REL004 MONTHLY RED run " + run2);
            assertThat(notice(app, run2)).containsExactly("REL004 GIS+4");
            // the answer step planned its notices on statistics that know the night's releases (V19)
            assertThat(app.jdbc().queryForObject("SELECT reltuples::bigint FROM pg_class WHERE relname = "
                    + "'declaration_release'", Long.class)).isEqualTo(2);
            // the released REL001 cannot be replaced; the red REL003, not released, can
            assertThat(app.jdbc().queryForList("SELECT d.declaration_no || ' ' || d.status || ' ' "
                    + "|| COALESCE(e.code, '-') FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                    + "LEFT JOIN declaration_error e ON e.file_id = d.file_id AND e.msg_index = d.msg_index "
                    + "WHERE f.original_name = 'b.edi' ORDER BY d.msg_index", String.class))
                    .containsExactly("REL001 REJECTED C174", "REL003 ACCEPTED -");
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM release_notice", Integer.class)).isEqualTo(2);

            // nothing paid and nothing late on 2026-11-28: the whole open amount is not due yet, no late charge
            long open = app.jdbc().queryForObject("SELECT SUM(open_amount) FROM declaration_receivable", Long.class);
            assertThat(open).isPositive();
            String shown = String.format(java.util.Locale.ROOT, "%,d", open);
            StringWriter out = new StringWriter();
            assertThat(EdiBatchCommandLine.execute(app.context(), new PrintWriter(out), new PrintWriter(out),
                    "status")).isZero();
            assertThat(out.toString()).contains("receivables as of 2026-11-28: open " + shown + " KRW (not due "
                    + shown + ", 1-30 days late 0, 31-90 0, over 90 0), paid 0 KRW, late charge 0 KRW, "
                    + "4 declarations with tax");
            String report = Files.readString(home.resolve("reports/run-" + run2 + "/exceptions.html"));
            assertThat(report).contains("data-metric=\"receivables-open\" data-value=\"" + open + "\"")
                    .contains("data-metric=\"receivables-late-charge\" data-value=\"0\"")
                    .contains("HANULM000777");

            // As if the files had been received a month earlier (2026-10-28): the next night bills October to HANUL,
            // once, due at the end of November; HANBIT's REL002, due 2026-11-12, is 16 days late.
            app.ownerJdbc().update("UPDATE inbound_file SET received_at = received_at - interval '31 days'");
            assertThat(app.runCustoms("night-3").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(app.runCustoms("night-4").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            long hanul = app.jdbc().queryForObject("SELECT SUM(tax_due) FROM declaration_receivable "
                    + "WHERE importer_code = 'HANULM000777'", Long.class);
            assertThat(app.jdbc().queryForList("SELECT importer_code || ' ' || month || ' ' || declarations || ' ' "
                    + "|| total_tax || ' ' || due_date FROM monthly_statement", String.class))
                    .containsExactly("HANULM000777 2026-10-01 3 " + hanul + " 2026-11-30");
            Path statement = home.resolve("outbox/HANULMTR/STATEMENT_2026-10_HANULM000777.csv");
            assertThat(Files.readAllLines(statement)).contains("due_date,2026-11-30", "total_tax_krw," + hanul)
                    .anyMatch(l -> l.startsWith("DAEHANCB,REL001,") && l.endsWith(",181805,158030,339835"))
                    .anyMatch(l -> l.startsWith("DAEHANCB,REL003,"))
                    .anyMatch(l -> l.startsWith("DAEHANCB,REL004,"))
                    .noneMatch(l -> l.contains("REL002"));
            StringWriter late = new StringWriter();
            EdiBatchCommandLine.execute(app.context(), new PrintWriter(late), new PrintWriter(late), "status");
            // 339,835 x (3 % + 16 x 0.022 %) = 10,195.05 + 1,196.2192 = 11,391.2692
            assertThat(late.toString()).contains("1-30 days late 339,835, 31-90 0, over 90 0), paid 0 KRW, "
                    + "late charge 11,391 KRW");
        }
    }

    private static Cusdec shirts(String number, String importer) {
        return Cusdec.declaration(number).importer(importer, "IMPORTER").declarant("DAEHANCB0001")
                .item("6109100000", "CN", "100", "PCE", "1000.00");
    }

    /** Gold (R02) from a high-risk origin (R05): red. */
    private static Cusdec gold(String number) {
        return Cusdec.declaration(number).importer("HANULM000777", "HANUL MONTHLY TRADERS").declarant("DAEHANCB0001")
                .item("7108130000", "AF", "1000", "GRM", "70000.00");
    }

    private static List<String> releases(TestApp app) {
        return app.jdbc().queryForList("SELECT declaration_no || ' ' || basis || ' ' || channel || ' run ' || run_id "
                + "FROM declaration_release ORDER BY declaration_no", String.class);
    }

    /** The run's release notice to DAEHANCB: per message, the declaration released and its processing indicator. */
    private static List<String> notice(TestApp app, long run) throws Exception {
        Path path = Path.of(app.jdbc().queryForObject("SELECT path FROM release_notice WHERE run_id = ? "
                + "AND sender = 'DAEHANCB' AND format = 'EDIFACT'", String.class, run));
        assertThat(path.getFileName().toString()).isEqualTo("CUSRES-RELEASE_R" + run + ".edi");
        List<String> out = new ArrayList<>();
        for (EdifactMessage m : Answers.parseValid(path)) {
            String number = "";
            for (Segment s : Answers.segments(m, "RFF")) {
                if ("ABT".equals(s.value(1, 1))) {
                    number = s.value(1, 2);
                }
            }
            out.add(number + " GIS+" + Answers.segments(m, "GIS").get(0).value(1, 1));
        }
        return out;
    }
}

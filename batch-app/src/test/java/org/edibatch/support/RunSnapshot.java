package org.edibatch.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a run leaves behind that users see: ledger, decisions, exception items, and the bytes of every
 * answer, archived or quarantined file and report. Two runs that must be equivalent have equal snapshots.
 */
public record RunSnapshot(List<Map<String, Object>> ledger, List<Map<String, Object>> declarations,
                          List<Map<String, Object>> exceptions, List<Map<String, Object>> files,
                          List<Map<String, Object>> answers, Map<String, byte[]> folders) {

    /** The snapshot of the database at {@code url} (a child JVM's run), on a connection of its own. */
    public static RunSnapshot of(String url, Path home) throws Exception {
        org.springframework.jdbc.datasource.SingleConnectionDataSource ds =
                new org.springframework.jdbc.datasource.SingleConnectionDataSource(url, true);
        try {
            return of(new JdbcTemplate(ds), home);
        } finally {
            ds.destroy();
        }
    }

    public static RunSnapshot of(JdbcTemplate jdbc, Path home) throws Exception {
        var ledger = jdbc.queryForList("SELECT e.idempotency_key, e.entry_date, e.description, l.line_no, "
                + "l.account_code, l.party_id, l.debit, l.credit FROM journal_entry e JOIN journal_line l "
                + "ON l.entry_id = e.id ORDER BY e.idempotency_key, l.line_no");
        var declarations = jdbc.queryForList("SELECT file_id, msg_index, declaration_no, status, acceptance_no, "
                + "customs_value_krw, duty_krw, vat_krw, channel, score, rule_hits FROM declaration ORDER BY file_id, msg_index");
        var exceptions = jdbc.queryForList("SELECT file_id, msg_index, seq, category, sender, file_name, code, text "
                + "FROM exception_item ORDER BY file_id, msg_index, seq");
        // paths are compared relative to the run's home folder, which differs between the runs compared
        var files = jdbc.queryForList("SELECT id, original_name, sha256, state, reason_code, sig_status, "
                + "replace(final_path, ?, 'HOME') AS final_path FROM inbound_file ORDER BY id", home.toString());
        var answers = jdbc.queryForList("SELECT file_id, kind, recipient, replace(path, ?, 'HOME') AS path, sha256 "
                + "FROM answer ORDER BY file_id, kind", home.toString());
        Map<String, byte[]> folders = new TreeMap<>();
        for (String folder : List.of("outbox", "archive", "quarantine", "reports", "inbox", "work")) {
            Path root = home.resolve(folder);
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    folders.put(home.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return new RunSnapshot(ledger, declarations, exceptions, files, answers, folders);
    }

    public void assertSameAs(RunSnapshot reference) {
        assertThat(ledger).as("ledger").isEqualTo(reference.ledger);
        assertThat(declarations).as("declarations").isEqualTo(reference.declarations);
        assertThat(exceptions).as("exception items").isEqualTo(reference.exceptions);
        assertThat(files).as("inbound files").isEqualTo(reference.files);
        assertThat(answers).as("recorded answers").isEqualTo(reference.answers);
        assertThat(folders.keySet()).as("files in the folders").isEqualTo(reference.folders.keySet());
        folders.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(reference.folders.get(name)));
    }
}

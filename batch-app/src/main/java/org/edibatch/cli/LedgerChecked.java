package org.edibatch.cli;

import org.edibatch.ledger.LedgerRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintWriter;

/** What a completed run's seal step found, for the command that ran it: its last lines and exit code 5. */
final class LedgerChecked {

    private LedgerChecked() {
    }

    /** Prints the differences the run's seals recorded, if any; returns how many there were. */
    static long differences(JdbcTemplate jdbc, long runId, PrintWriter out) {
        long n = 0;
        StringBuilder found = new StringBuilder();
        for (LedgerRepository.Seal s : new LedgerRepository(jdbc).sealsOf(runId)) {
            n += s.differences();
            found.append(s.findings());
        }
        if (n > 0) {
            out.println("LEDGER CHECK FAILED: " + n + " difference(s) between this night's journal entries, their "
                    + "lines and the running totals (run verify-ledger for the whole ledger):");
            out.print(found);
            out.flush();
        }
        return n;
    }
}

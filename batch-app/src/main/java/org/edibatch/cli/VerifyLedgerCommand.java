package org.edibatch.cli;

import org.edibatch.intake.ArchiveCheck;
import org.edibatch.intake.InboundFileRepository;
import org.edibatch.ledger.Findings;
import org.edibatch.ledger.LedgerRepository;
import org.edibatch.ledger.LedgerVerifier;
import org.edibatch.run.ExitCodes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * Recomputes the ledger from the journal lines and compares it with everything recorded about it (see
 * {@link LedgerVerifier}), and every archived or quarantined file with its recorded SHA-256. Needs no run lock:
 * it reads one snapshot of the database. Exit 0 when nothing differs, 5 otherwise.
 */
@Command(name = "verify-ledger",
        description = "recompute every journal entry, the hash chain and the running totals from the journal lines, "
                + "and the SHA-256 of every archived file; exit 5 on any difference")
public class VerifyLedgerCommand implements Callable<Integer> {

    /** Differences printed; all are counted. */
    static final int LISTED = 50;

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    public VerifyLedgerCommand(SpringContext spring) {
        this.spring = spring;
    }

    /** What one verification found. */
    record Result(LedgerVerifier.Outcome ledger, long files, Findings findings, double ledgerSeconds,
                  double fileSeconds) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Result r = verify(spring.bean(JdbcTemplate.class), spring.bean(PlatformTransactionManager.class),
                spring.bean(Clock.class));
        double seconds = r.ledgerSeconds() + r.fileSeconds();
        out.println(String.format("journal: %d entries, %d seal(s)%s (%.1f s)", r.ledger().entries(),
                r.ledger().seals(), r.ledger().unsealed() > 0 ? ", " + r.ledger().unsealed()
                        + " entries not sealed yet" : "", r.ledgerSeconds()));
        out.println(String.format("archived and quarantined files: %d (%.1f s)", r.files(), r.fileSeconds()));
        if (r.findings().count() == 0) {
            out.println(String.format("ledger verified: no difference (%.1f s)", seconds));
            return ExitCodes.OK;
        }
        out.println(String.format("LEDGER NOT VERIFIED: %d difference(s) (%.1f s):", r.findings().count(), seconds));
        out.print(r.findings().text());
        return ExitCodes.LEDGER_DIFFERS;
    }

    /**
     * The whole check, recorded for status: the journal in one REPEATABLE READ snapshot (journal, seals and totals
     * as of one moment, while a run may be posting), then the files.
     */
    static Result verify(JdbcTemplate jdbc, PlatformTransactionManager tm, Clock clock) {
        TransactionTemplate snapshot = new TransactionTemplate(tm);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        LedgerRepository ledger = new LedgerRepository(jdbc);
        Findings findings = new Findings(LISTED);
        long start = System.nanoTime();
        LedgerVerifier.Outcome outcome = snapshot.execute(s -> new LedgerVerifier(ledger).verify(findings));
        long journalDone = System.nanoTime();
        Long files = snapshot.execute(s -> new ArchiveCheck(new InboundFileRepository(jdbc)).check(null, findings::add));
        long checked = files == null ? 0 : files;
        double fileSeconds = (System.nanoTime() - journalDone) / 1e9;
        ledger.insertVerification(clock.instant(), outcome.entries(), checked, findings);
        return new Result(outcome, checked, findings, (journalDone - start) / 1e9, fileSeconds);
    }
}

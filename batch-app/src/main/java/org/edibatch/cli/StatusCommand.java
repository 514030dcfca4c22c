package org.edibatch.cli;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.ledger.LedgerRepository;
import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLock;
import org.edibatch.run.RunRepository;
import org.edibatch.receivables.LateCharge;
import org.edibatch.receivables.Receivables;
import org.edibatch.receivables.ReceivablesRepository;
import org.edibatch.refdata.ReferenceSnapshot;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", description = "the last runs, their outcome and counts, whether a run holds the lock, "
        + "and the ledger's last seal and verification")
public class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    public StatusCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(RunLock.held(spring.bean(DataSource.class)) ? "a run is in progress (the run lock is held)"
                : "no run in progress");
        ZoneId zone = spring.bean(EdiBatchProperties.class).zone();
        out.println("times in " + zone + " (edibatch.zone)");
        String format = "%-6s %-10s %-20s %-20s %6s %9s %11s";
        out.println(String.format(format, "run", "status", "started", "ended", "files", "accepted", "rejections"));
        for (RunRepository.RunSummary r : spring.bean(RunRepository.class).lastRuns(10)) {
            out.println(String.format(format, r.run(), r.status(), time(r.started(), zone), time(r.ended(), zone),
                    r.files(), r.accepted(), r.rejections()));
        }
        ledger(out);
        receivables(out);
        return ExitCodes.OK;
    }

    /** The receivables' totals as of today: open, by age past the due date, paid, and the late charge. */
    private void receivables(PrintWriter out) {
        JdbcTemplate jdbc = spring.bean(JdbcTemplate.class);
        Clock clock = spring.bean(Clock.class);
        ReceivablesRepository repository = new ReceivablesRepository(jdbc);
        Receivables.Line t = Receivables.of(repository.groups(clock.getZone()), LocalDate.now(clock),
                ReferenceSnapshot.paymentTerms(jdbc), new LateCharge(repository.lateChargeRates())).total();
        out.println("receivables as of " + LocalDate.now(clock) + ": open " + krw(t.open()) + " KRW (not due "
                + krw(t.notDue()) + ", 1-30 days late " + krw(t.late1to30()) + ", 31-90 " + krw(t.late31to90())
                + ", over 90 " + krw(t.lateOver90()) + "), paid " + krw(t.paid()) + " KRW, late charge "
                + krw(t.lateCharge()) + " KRW, " + t.declarations() + " declarations with tax");
    }

    private static String krw(java.math.BigDecimal v) {
        return String.format(java.util.Locale.ROOT, "%,d", v.toBigInteger());
    }

    /** Spring Batch records its times in the JVM's zone, without saying which: shown in the business zone. */
    private static String time(LocalDateTime t, ZoneId zone) {
        return t == null ? "-" : TIME.format(t.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone));
    }

    /** The cheap part: the last seal and its check, what is not sealed yet, and the last verify-ledger. */
    private void ledger(PrintWriter out) {
        LedgerRepository ledger = new LedgerRepository(spring.bean(JdbcTemplate.class));
        ZoneId zone = spring.bean(Clock.class).getZone();
        Optional<LedgerRepository.Seal> seal = ledger.lastSeal();
        long unsealed = ledger.unsealedEntries(seal.map(LedgerRepository.Seal::lastEntryId).orElse(0L));
        if (seal.isEmpty()) {
            out.println("ledger: not sealed yet" + (unsealed > 0 ? " (" + unsealed + " entries)" : ""));
        } else {
            LedgerRepository.Seal s = seal.get();
            out.println("ledger: sealed up to entry " + s.lastEntryId() + " by run " + s.runId() + " at "
                    + TIME.format(s.sealedAt().atZone(zone)) + ", its check: "
                    + (s.differences() == 0 ? "no difference" : s.differences() + " DIFFERENCE(S)")
                    + (unsealed > 0 ? "; " + unsealed + " entries posted since (not sealed yet)" : ""));
        }
        out.println(ledger.lastVerification().map(v -> "last verify-ledger: "
                + TIME.format(v.verifiedAt().atZone(zone)) + ", " + v.entries() + " entries, " + v.files()
                + " files: " + (v.differences() == 0 ? "no difference" : v.differences() + " DIFFERENCE(S)"))
                .orElse("last verify-ledger: never"));
    }
}

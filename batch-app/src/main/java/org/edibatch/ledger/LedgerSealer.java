package org.edibatch.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run's last ledger step: chains every entry above the last seal (the run's own, and those a failed run left),
 * checking each against its lines as {@link LedgerCheck} does, and checks the running totals of the runs concerned
 * against the totals the seals counted from lines: the nightly, cheap part of verify-ledger (it reads this
 * night's entries only). What it finds is recorded with the seal, reported by the run (exit code 5) and
 * found again by verify-ledger; the entries are sealed even so, so that nothing later can hide them.
 * Run under the run lock, in the step's transaction: every entry with a lower id has committed by then, so a
 * seal covers every entry up to its last one. Run again (a restart), it seals what is new, often nothing.
 */
public final class LedgerSealer {

    private static final Logger log = LoggerFactory.getLogger(LedgerSealer.class);

    /** Differences kept in a seal's findings. */
    static final int KEPT = 20;

    public record Result(long sealNo, long entries, Findings findings) {
    }

    private final LedgerRepository repository;
    private final Clock clock;

    public LedgerSealer(LedgerRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Result seal(long runId) {
        Optional<LedgerRepository.Seal> last = repository.lastSeal();
        long after = last.map(LedgerRepository.Seal::lastEntryId).orElse(0L);
        Findings findings = new Findings(KEPT);
        LedgerCheck check = new LedgerCheck(last.map(LedgerRepository.Seal::head).orElse(EntryDigest.GENESIS),
                findings);
        long[] lastId = {after};
        Map<Long, Long> others = new TreeMap<>();
        repository.entries(after, e -> {
            check.add(e);
            lastId[0] = e.id();
            if (e.runId() != runId) {
                others.merge(e.runId(), 1L, Long::sum);
            }
        });
        if (last.isPresent()) {
            // The first seal takes the journal as it finds it (entries posted before there were seals).
            foreignEntries(others, repository.runStatuses(others.keySet()), findings);
        }
        Set<Long> runs = new TreeSet<>(check.totals().runs());
        runs.add(runId);
        LedgerTotals counted = repository.sealedTotals(runs);
        counted.addAll(check.totals());
        LedgerTotals.compare(counted, repository.runningTotals(runs), "the running totals", runs, findings);

        long sealNo = last.map(s -> s.sealNo() + 1).orElse(1L);
        repository.insertSeal(new LedgerRepository.Seal(sealNo, runId, lastId[0], check.entries(), check.chain(),
                (int) Math.min(Integer.MAX_VALUE, findings.count()), findings.text(), clock.instant()), check.totals());
        if (findings.count() > 0) {
            log.error("run {}: the ledger check of seal {} found {} difference(s):\n{}", runId, sealNo,
                    findings.count(), findings.text());
        } else {
            log.info("run {}: seal {} covers {} entries up to entry {}", runId, sealNo, check.entries(), lastId[0]);
        }
        return new Result(sealNo, check.entries(), findings);
    }

    /**
     * Entries of another run are sealed by this one when that run failed before its own seal step; an entry of a
     * run that completed (and so sealed its entries) or of no run at all was posted outside the application.
     */
    static void foreignEntries(Map<Long, Long> entriesByRun, Map<Long, String> statuses, Findings findings) {
        entriesByRun.forEach((run, n) -> {
            String status = statuses.get(run);
            if (status == null) {
                findings.add(n + " entr" + (n == 1 ? "y" : "ies") + " of run " + run
                        + ", which no job ran: posted outside the application");
            } else if ("COMPLETED".equals(status)) {
                findings.add(n + " entr" + (n == 1 ? "y" : "ies") + " of run " + run
                        + ", which had completed and sealed its entries: posted outside its run");
            }
        });
    }
}

package org.edibatch.ledger;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * verify-ledger's check of the whole journal, in one pass over its lines (streamed, flat memory): every entry
 * balanced, with lines, and as it was posted (content digest); the hash chain recomputed and compared with every
 * seal's entry count and head; every entry sealed by its own run (or by the next run after its own failed), or
 * not yet sealed because its run has not finished; and each run's entries and per-account lines, debits and
 * credits recomputed from the lines and compared with the running totals. Call it inside one read-only
 * transaction at REPEATABLE READ, so that the journal, the seals and the totals are read as of one moment.
 */
public final class LedgerVerifier {

    /** What was checked; the differences are in the caller's {@link Findings}. */
    public record Outcome(long entries, long seals, long unsealed) {
    }

    private final LedgerRepository repository;

    public LedgerVerifier(LedgerRepository repository) {
        this.repository = repository;
    }

    public Outcome verify(Findings findings) {
        List<LedgerRepository.Seal> seals = repository.seals();
        Map<Long, Long> lastSealOfRun = new HashMap<>();
        long previousLast = 0;
        for (int i = 0; i < seals.size(); i++) {
            LedgerRepository.Seal s = seals.get(i);
            if (s.sealNo() != i + 1) {
                findings.add("seal " + (i + 1) + " is missing (the next recorded is seal " + s.sealNo() + ")");
            }
            if (s.lastEntryId() < previousLast) {
                findings.add("seal " + s.sealNo() + " ends at entry " + s.lastEntryId() + ", below the seal before it");
            }
            previousLast = Math.max(previousLast, s.lastEntryId());
            lastSealOfRun.merge(s.runId(), s.sealNo(), Math::max);
        }
        Walk walk = new Walk(seals, lastSealOfRun, findings);
        repository.entries(0, walk::add);
        walk.closeSealsBefore(Long.MAX_VALUE);

        Set<Long> runs = new TreeSet<>(walk.foreign.keySet());
        runs.addAll(walk.unsealed.keySet());
        Map<Long, String> statuses = repository.runStatuses(runs);
        walk.foreign.forEach((run, n) -> {
            String status = statuses.get(run);
            if (status == null || "COMPLETED".equals(status)) {
                findings.add(n + " sealed entr" + (n == 1 ? "y" : "ies") + " of run " + run + " sealed by another run "
                        + (status == null ? "though no job ran it" : "though it completed and sealed its own")
                        + ": posted outside its run");
            }
        });
        long unsealed = 0;
        for (Map.Entry<Long, Long> u : walk.unsealed.entrySet()) {
            unsealed += u.getValue();
            String status = statuses.get(u.getKey());
            if (!seals.isEmpty() && (status == null || "COMPLETED".equals(status))) {
                findings.add(u.getValue() + " entr" + (u.getValue() == 1 ? "y" : "ies") + " of run " + u.getKey()
                        + " not sealed though " + (status == null ? "no job ran it" : "the run completed")
                        + ": posted outside its run (first: entry " + walk.firstUnsealed.get(u.getKey()) + ")");
            }
        }
        LedgerTotals fromLines = walk.check.totals();
        LedgerTotals recorded = repository.runningTotals(null);
        Set<Long> all = new TreeSet<>(fromLines.runs());
        all.addAll(recorded.runs());
        LedgerTotals.compare(fromLines, recorded, "the running totals", all, findings);
        return new Outcome(walk.check.entries(), seals.size(), unsealed);
    }

    /** The entries in id order against the seals in order. */
    private static final class Walk {
        private final List<LedgerRepository.Seal> seals;
        private final Map<Long, Long> lastSealOfRun;
        private final Findings findings;
        private final LedgerCheck check;
        private final Map<Long, Long> foreign = new TreeMap<>();
        private final Map<Long, Long> unsealed = new TreeMap<>();
        private final Map<Long, Long> firstUnsealed = new HashMap<>();
        private int seal;
        private long inSeal;

        Walk(List<LedgerRepository.Seal> seals, Map<Long, Long> lastSealOfRun, Findings findings) {
            this.seals = seals;
            this.lastSealOfRun = lastSealOfRun;
            this.findings = findings;
            this.check = new LedgerCheck(EntryDigest.GENESIS, findings);
        }

        void add(PostedEntry e) {
            closeSealsBefore(e.id());
            if (seal < seals.size()) {
                inSeal++;
                LedgerRepository.Seal s = seals.get(seal);
                boolean legacy = seal == 0 && e.storedDigest() == null;
                // another run's entry is sealed when that run failed first; it is then sealed again by no one,
                // unless the failed run resumed after this seal and sealed its later entries itself
                if (e.runId() != s.runId() && !legacy && lastSealOfRun.getOrDefault(e.runId(), 0L) <= s.sealNo()) {
                    foreign.merge(e.runId(), 1L, Long::sum);
                }
            } else {
                unsealed.merge(e.runId(), 1L, Long::sum);
                firstUnsealed.putIfAbsent(e.runId(), e.id());
            }
            check.add(e);
        }

        /** Compares each seal that ends before {@code id} with what was recomputed. */
        void closeSealsBefore(long id) {
            while (seal < seals.size() && id > seals.get(seal).lastEntryId()) {
                LedgerRepository.Seal s = seals.get(seal);
                String name = "seal " + s.sealNo() + " (run " + s.runId() + ", entries up to " + s.lastEntryId() + ")";
                if (inSeal != s.entries()) {
                    findings.add(name + ": " + inSeal + " entries in the journal, " + s.entries()
                            + " sealed: entries deleted or inserted");
                }
                if (!Arrays.equals(check.chain(), s.head())) {
                    findings.add(name + ": the hash chain differs from the sealed one: an entry deleted, inserted "
                            + "or altered");
                    check.chainFrom(s.head()); // the next seals are checked on their own
                }
                inSeal = 0;
                seal++;
            }
        }
    }
}

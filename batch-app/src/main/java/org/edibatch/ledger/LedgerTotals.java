package org.edibatch.ledger;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Entries per run and lines, debits and credits per run and account: counted from lines, or as recorded. */
public final class LedgerTotals {

    /** One run's figures for one account. */
    public record Account(long lines, BigDecimal debit, BigDecimal credit) {
        static final Account NONE = new Account(0, BigDecimal.ZERO, BigDecimal.ZERO);

        Account plus(Account o) {
            return new Account(lines + o.lines, debit.add(o.debit), credit.add(o.credit));
        }

        boolean sameAs(Account o) {
            return lines == o.lines && debit.compareTo(o.debit) == 0 && credit.compareTo(o.credit) == 0;
        }

        @Override
        public String toString() {
            return lines + " line(s), debits " + debit.toPlainString() + ", credits " + credit.toPlainString();
        }
    }

    private final Map<Long, Long> entries = new TreeMap<>();
    private final Map<Long, Map<String, Account>> accounts = new TreeMap<>();

    public void addEntries(long run, long n) {
        entries.merge(run, n, Long::sum);
    }

    public void addLines(long run, String account, long lines, BigDecimal debit, BigDecimal credit) {
        accounts.computeIfAbsent(run, r -> new TreeMap<>()).merge(account, new Account(lines, debit, credit),
                Account::plus);
    }

    public void addAll(LedgerTotals o) {
        o.entries.forEach(this::addEntries);
        o.accounts.forEach((run, byAccount) -> byAccount.forEach((account, a) ->
                addLines(run, account, a.lines(), a.debit(), a.credit())));
    }

    public Set<Long> runs() {
        Set<Long> runs = new TreeSet<>(entries.keySet());
        runs.addAll(accounts.keySet());
        return runs;
    }

    public long entries(long run) {
        return entries.getOrDefault(run, 0L);
    }

    public Map<String, Account> accounts(long run) {
        return accounts.getOrDefault(run, Map.of());
    }

    /** Reports each run (of {@code runs}) and account where the two differ. */
    public static void compare(LedgerTotals fromLines, LedgerTotals recorded, String recordedAs, Set<Long> runs,
                               Findings findings) {
        for (long run : runs) {
            if (fromLines.entries(run) != recorded.entries(run)) {
                findings.add("run " + run + ": " + fromLines.entries(run) + " entries in the journal, "
                        + recorded.entries(run) + " in " + recordedAs);
            }
            Set<String> codes = new TreeSet<>(fromLines.accounts(run).keySet());
            codes.addAll(recorded.accounts(run).keySet());
            for (String code : codes) {
                Account lines = fromLines.accounts(run).getOrDefault(code, Account.NONE);
                Account kept = recorded.accounts(run).getOrDefault(code, Account.NONE);
                if (!lines.sameAs(kept)) {
                    findings.add("run " + run + " account " + code + ": journal lines " + lines + "; "
                            + recordedAs + " " + kept);
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerTotals t && Objects.equals(entries, t.entries) && Objects.equals(accounts, t.accounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries, accounts);
    }
}

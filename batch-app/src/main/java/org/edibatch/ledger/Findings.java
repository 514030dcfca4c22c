package org.edibatch.ledger;

import java.util.ArrayList;
import java.util.List;

/** Differences found by a check: all counted, the first few kept to print, so memory stays flat. */
public final class Findings {

    private final int keep;
    private final List<String> first = new ArrayList<>();
    private long count;

    public Findings(int keep) {
        this.keep = keep;
    }

    public void add(String difference) {
        count++;
        if (first.size() < keep) {
            first.add(difference);
        }
    }

    public long count() {
        return count;
    }

    public List<String> first() {
        return List.copyOf(first);
    }

    /** The kept differences one a line, and how many more there are. */
    public String text() {
        StringBuilder b = new StringBuilder();
        first.forEach(f -> b.append(f).append('\n'));
        if (count > first.size()) {
            b.append("... and ").append(count - first.size()).append(" more\n");
        }
        return b.toString();
    }
}

package org.edibatch.job.customs;

import org.edibatch.intake.InboundFileRepository;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the files a run claimed into groups of about equal message count, one per worker thread. All files of
 * one sender go to one partition: declaration numbers are the sender's, so every message touching a number
 * (original, replacements, cancellation) is then applied by one thread in (file id, message position) order,
 * and a night on one thread, on two, or restarted has the same outcome. A file stays whole in one partition, so
 * a partition's restart position is a (file, message) pair as in the single-threaded step. The split is
 * deterministic (largest sender first, each to the least loaded group, ties to the lower group); one very large
 * sender is one partition's work, which limits the parallelism of a night it dominates.
 */
public class FilePartitioner implements Partitioner {

    public static final String FILE_IDS = "customs.fileIds";

    private final InboundFileRepository inboundFiles;
    private final long runId;

    public FilePartitioner(JdbcTemplate jdbc, long runId) {
        this.inboundFiles = new InboundFileRepository(jdbc);
        this.runId = runId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<List<Long>> members = split(inboundFiles.claimedBySize(runId), gridSize);
        Map<String, ExecutionContext> partitions = new HashMap<>();
        for (int g = 0; g < members.size(); g++) {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putString(FILE_IDS, encode(members.get(g)));
            partitions.put("partition" + g, ctx);
        }
        return partitions;
    }

    /** The file ids of each of {@code gridSize} partitions, each sorted (claim order). */
    static List<List<Long>> split(List<InboundFileRepository.FileSize> files, int gridSize) {
        // A sender's files together; a file without a known sender (no messages) is a group of its own.
        Map<String, SenderFiles> bySender = new java.util.LinkedHashMap<>();
        for (InboundFileRepository.FileSize f : files) {
            String key = f.sender() == null ? "#" + f.id() : "=" + f.sender();
            SenderFiles s = bySender.computeIfAbsent(key, k -> new SenderFiles(new ArrayList<>()));
            s.ids().add(f.id());
            s.load[0] += Math.max(1, f.messages());
        }
        List<SenderFiles> senders = new ArrayList<>(bySender.values());
        for (SenderFiles s : senders) {
            s.ids().sort(null);
        }
        senders.sort(java.util.Comparator.comparingLong((SenderFiles s) -> -s.load[0])
                .thenComparingLong(s -> s.ids().get(0)));
        int groups = Math.max(1, gridSize);
        long[] load = new long[groups];
        List<List<Long>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (SenderFiles s : senders) {
            int target = 0;
            for (int g = 1; g < groups; g++) {
                if (load[g] < load[target]) {
                    target = g;
                }
            }
            load[target] += s.load[0];
            members.get(target).addAll(s.ids());
        }
        for (List<Long> ids : members) {
            ids.sort(null); // within a partition, files in claim order
        }
        return members;
    }

    /** The files of one sender, and their messages. */
    private record SenderFiles(List<Long> ids, long[] load) {
        SenderFiles(List<Long> ids) {
            this(ids, new long[1]);
        }
    }

    /**
     * The ids of a partition, sorted, written as runs with a constant step: "101+2x2500" is 2,500 ids from 101
     * in steps of 2, a lone id is written as it is. The partition's context is saved at every commit (a
     * thousand times per partition on a million declarations), so its size matters: 5,000 ids listed one by
     * one were ~30 KB serialised, sent and stored as TOAST at each commit; the claim numbers files in order and
     * the split alternates between groups, so a night's partition is a handful of runs.
     */
    static String encode(List<Long> sortedIds) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < sortedIds.size()) {
            long first = sortedIds.get(i);
            int n = 1;
            long step = i + 1 < sortedIds.size() ? sortedIds.get(i + 1) - first : 0;
            while (step > 0 && i + n < sortedIds.size() && sortedIds.get(i + n) - sortedIds.get(i + n - 1) == step) {
                n++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            if (n >= 3) {
                b.append(first).append('+').append(step).append('x').append(n);
                i += n;
            } else {
                b.append(first);
                i++;
            }
        }
        return b.toString();
    }

    /** The ids {@link #encode} wrote; also reads a plain comma-separated list (contexts saved before it). */
    static java.util.Set<Long> decode(String encoded) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (String term : encoded.split(",")) {
            String t = term.strip();
            if (t.isEmpty()) {
                continue;
            }
            int plus = t.indexOf('+');
            if (plus < 0) {
                ids.add(Long.valueOf(t));
                continue;
            }
            int x = t.indexOf('x', plus);
            long first = Long.parseLong(t.substring(0, plus));
            long step = Long.parseLong(t.substring(plus + 1, x));
            int n = Integer.parseInt(t.substring(x + 1));
            for (int k = 0; k < n; k++) {
                ids.add(first + k * step);
            }
        }
        return ids;
    }
}

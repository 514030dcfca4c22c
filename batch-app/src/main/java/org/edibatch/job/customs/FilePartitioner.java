package org.edibatch.job.customs;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the files a run claimed into groups of about equal message count, one per worker thread. A file
 * stays whole in one partition, so its messages keep their order and a partition's restart position is a
 * (file, message) pair as in the single-threaded step. The split is deterministic (largest files first,
 * each to the least loaded group, ties to the lower group).
 */
public class FilePartitioner implements Partitioner {

    public static final String FILE_IDS = "customs.fileIds";

    private final JdbcTemplate jdbc;
    private final long runId;

    public FilePartitioner(JdbcTemplate jdbc, long runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        record File(long id, long messages) {
        }
        List<File> files = jdbc.query("SELECT f.id, COALESCE(i.message_count, 0) FROM inbound_file f "
                        + "LEFT JOIN interchange i ON i.file_id = f.id WHERE f.run_id = ? AND f.state = 'CLAIMED' "
                        + "ORDER BY COALESCE(i.message_count, 0) DESC, f.id",
                (rs, n) -> new File(rs.getLong(1), rs.getLong(2)), runId);
        int groups = Math.max(1, gridSize);
        long[] load = new long[groups];
        List<List<Long>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (File f : files) {
            int target = 0;
            for (int g = 1; g < groups; g++) {
                if (load[g] < load[target]) {
                    target = g;
                }
            }
            load[target] += Math.max(1, f.messages());
            members.get(target).add(f.id());
        }
        Map<String, ExecutionContext> partitions = new HashMap<>();
        for (int g = 0; g < groups; g++) {
            List<Long> ids = members.get(g);
            ids.sort(null); // within a partition, files in claim order
            ExecutionContext ctx = new ExecutionContext();
            ctx.putString(FILE_IDS, ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
            partitions.put("partition" + g, ctx);
        }
        return partitions;
    }
}

package org.edibatch.job.customs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FilePartitionerTest {

    private static org.edibatch.intake.InboundFileRepository.FileSize file(long id, String sender, long messages) {
        return new org.edibatch.intake.InboundFileRepository.FileSize(id, sender, messages);
    }

    @Test
    void aSendersFilesShareAPartitionTheLargestSenderFirst() {
        // A: 10 + 1 + 1 messages, B: 8, C: 3 + 2, a file without envelope: 0 (weighs 1)
        List<List<Long>> split = FilePartitioner.split(List.of(file(1, "A", 10), file(2, "B", 8), file(3, "C", 3),
                file(4, "C", 2), file(5, "A", 1), file(6, null, 0), file(7, "A", 1)), 2);
        // A (12) to partition 0, B (8) to 1, C (5) to 1 (13), the lone file to 0 (13)
        assertThat(split).containsExactly(List.of(1L, 5L, 6L, 7L), List.of(2L, 3L, 4L));
        assertThat(FilePartitioner.split(List.of(file(1, "A", 10), file(2, "A", 8)), 2))
                .as("one sender is one partition's work").containsExactly(List.of(1L, 2L), List.of());
    }

    @Test
    void idsAlternatingBetweenTwoPartitionsAreOneRunEach() {
        List<Long> even = new ArrayList<>();
        for (long id = 2; id <= 10_000; id += 2) {
            even.add(id);
        }
        String encoded = FilePartitioner.encode(even);

        assertThat(encoded).isEqualTo("2+2x5000");
        assertThat(FilePartitioner.decode(encoded)).isEqualTo(new HashSet<>(even));
    }

    @Test
    void anySortedIdsComeBackAsTheyWere() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            Set<Long> ids = new java.util.TreeSet<>();
            int n = random.nextInt(60);
            long id = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                id += random.nextInt(4) == 0 ? 1 + random.nextInt(50) : 1 + random.nextInt(3);
                ids.add(id);
            }
            String encoded = FilePartitioner.encode(new ArrayList<>(ids));

            assertThat(FilePartitioner.decode(encoded)).as(encoded).isEqualTo(ids);
        }
    }

    @Test
    void readsTheOldPlainListAndTheEmptyPartition() {
        assertThat(FilePartitioner.decode("5,9,12")).containsExactlyInAnyOrder(5L, 9L, 12L);
        assertThat(FilePartitioner.decode("")).isEmpty();
        assertThat(FilePartitioner.encode(List.of())).isEmpty();
        assertThat(FilePartitioner.encode(List.of(3L, 4L))).isEqualTo("3,4");
    }
}

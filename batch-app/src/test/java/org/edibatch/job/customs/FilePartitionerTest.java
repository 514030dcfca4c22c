package org.edibatch.job.customs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FilePartitionerTest {

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

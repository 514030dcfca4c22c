package org.edibatch.edifact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageReferencesTest {

    @Test
    void aReferenceIsRefusedTheSecondTimeWhateverItsForm() {
        MessageReferences refs = new MessageReferences();
        for (String r : new String[]{"1", "2", "0", "01", "001", "A1", "1A", "16777215", "16777216", "99999999",
                "100000000", "12345678901234", "-1", " 1"}) {
            assertThat(refs.add(r)).as("first %s", r).isTrue();
        }
        for (String r : new String[]{"1", "2", "0", "01", "001", "A1", "1A", "16777215", "16777216", "99999999",
                "100000000", "12345678901234", "-1", " 1"}) {
            assertThat(refs.add(r)).as("again %s", r).isFalse();
        }
        assertThat(refs.add("3")).isTrue();
        assertThat(refs.add("010")).isTrue();
        assertThat(refs.add("10")).isTrue();
    }

    @Test
    void onlyPlainNumbersBelowTheLimitAreKeptAsBits() {
        assertThat(MessageReferences.denseNumber("0")).isZero();
        assertThat(MessageReferences.denseNumber("7")).isEqualTo(7);
        assertThat(MessageReferences.denseNumber("16777215")).isEqualTo(MessageReferences.DENSE_LIMIT - 1);
        assertThat(MessageReferences.denseNumber("16777216")).isEqualTo(-1);
        assertThat(MessageReferences.denseNumber("07")).isEqualTo(-1);
        assertThat(MessageReferences.denseNumber("7a")).isEqualTo(-1);
        assertThat(MessageReferences.denseNumber("")).isEqualTo(-1);
        assertThat(MessageReferences.denseNumber("123456789")).isEqualTo(-1);
    }
}

package org.edibatch.cli;

import org.edibatch.run.RunRepository.CustomsCounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The closing line's arithmetic and what makes a night exit 2, without a database. */
class CustomsClosingLineTest {

    @Test
    void messagesOfRefusedInterchangesAreReadAndRefused() {
        // 2 files refused whole holding 4 messages, beside 6 messages read one by one
        CustomsCounts c = new CustomsCounts(3, 2, 10, 5, 1, 4, 7, 0);
        assertThat(CustomsRuns.closingLine(9, c)).isEqualTo("run 9 completed: 3 file(s) claimed, 2 refused whole; "
                + "10 message(s) read = 5 accepted + 1 rejected + 4 refused; 7 line(s) in the exception file "
                + "(0 selected for review); every message accounted for");
        assertThat(c.messages()).isEqualTo(c.accepted() + c.rejected() + c.refused());
        assertThat(c.anyRefusal()).isTrue();
    }

    @Test
    void theLineSaysRefusedEvenWhenNothingWas() {
        CustomsCounts c = new CustomsCounts(1, 0, 4, 4, 0, 0, 2, 2);
        assertThat(c.anyRefusal()).isFalse();
        assertThat(CustomsRuns.closingLine(1, c)).endsWith("4 message(s) read = 4 accepted + 0 rejected + 0 refused; "
                + "2 line(s) in the exception file (2 selected for review); every message accounted for");
    }

    @Test
    void aRefusedFileOrMessageOrARejectedMessageOrARefusalLineEachMeanTwo() {
        assertThat(new CustomsCounts(1, 1, 0, 0, 0, 0, 0, 0).anyRefusal()).as("file not EDIFACT").isTrue();
        assertThat(new CustomsCounts(1, 0, 3, 0, 0, 3, 0, 0).anyRefusal()).as("messages refused").isTrue();
        assertThat(new CustomsCounts(1, 0, 1, 0, 1, 0, 0, 0).anyRefusal()).as("message rejected").isTrue();
        assertThat(new CustomsCounts(1, 0, 1, 1, 0, 0, 1, 0).anyRefusal()).as("refusal line").isTrue();
    }

    /** More messages read than the claim counted (or fewer, unaccounted for): the line says so and the night exits 2. */
    @Test
    void countsThatDoNotAddUpAreSaidAndMeanTwo() {
        CustomsCounts c = new CustomsCounts(1, 0, 4, 4, 0, 0, 0, 0, 0, 3);
        assertThat(c.addsUp()).isFalse();
        assertThat(c.anyRefusal()).isTrue();
        assertThat(CustomsRuns.closingLine(1, c)).endsWith("; COUNTS DO NOT ADD UP: the claim counted 3 message(s)");
        assertThat(new CustomsCounts(1, 0, 4, 3, 0, 0, 0, 0, 0, 4).addsUp()).as("one message neither way").isFalse();
        assertThat(new CustomsCounts(1, 0, 4, 3, 1, 0, 1, 0, 0, 4).addsUp()).isTrue();
    }

    @Test
    void acceptedAmendmentsAreCountedButAreNoRefusal() {
        CustomsCounts c = new CustomsCounts(1, 0, 3, 3, 0, 0, 3, 1, 2);
        assertThat(c.anyRefusal()).isFalse();
        assertThat(CustomsRuns.closingLine(9, c)).endsWith("3 line(s) in the exception file (1 selected for review); "
                + "2 declaration(s) replaced or cancelled; every message accounted for");
        assertThat(new CustomsCounts(1, 0, 3, 3, 0, 0, 3, 1, 1).anyRefusal()).as("one line more").isTrue();
    }
}

package org.edibatch.cli;

import org.edibatch.run.RunRepository.CustomsCounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The closing line's arithmetic and what makes a night exit 2, without a database. */
class CustomsClosingLineTest {

    @Test
    void messagesOfATypeNotDecidedAreCountedAndMakeTheNightExitTwo() {
        CustomsCounts c = new CustomsCounts(3, 0, 5, 3, 0, 2, 0, 0);
        assertThat(CustomsRuns.closingLine(9, c)).isEqualTo("run 9 completed: 3 file(s) claimed, 0 refused whole; "
                + "5 message(s) read = 3 accepted + 0 rejected + 2 not processed; 0 line(s) in the exception file "
                + "(0 selected for review)");
        assertThat(c.anyRefusal()).isTrue();
    }

    @Test
    void selectivityNotesAloneAreNoRefusal() {
        CustomsCounts c = new CustomsCounts(1, 0, 4, 4, 0, 0, 2, 2);
        assertThat(c.anyRefusal()).isFalse();
        assertThat(CustomsRuns.closingLine(1, c)).endsWith("4 message(s) read = 4 accepted + 0 rejected; "
                + "2 line(s) in the exception file (2 selected for review)");
    }

    @Test
    void aRefusedFileOrARejectedMessageOrARefusalLineEachMeanTwo() {
        assertThat(new CustomsCounts(1, 1, 0, 0, 0, 0, 0, 0).anyRefusal()).isTrue();
        assertThat(new CustomsCounts(1, 0, 1, 0, 1, 0, 0, 0).anyRefusal()).isTrue();
        assertThat(new CustomsCounts(1, 0, 1, 1, 0, 0, 1, 0).anyRefusal()).isTrue();
    }
}

package org.edibatch.exceptions;

import org.edibatch.customs.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionCategoryTest {

    @Test
    void storedCategoriesAreTheOnesTheReportReads() {
        assertThat(ExceptionCategory.values()).extracting(ExceptionCategory::code).containsExactly("FILE",
                "SIGNATURE", "SYNTAX", "CONTENT", "SELECTIVITY", "AMENDMENT", "TENDER", "BID", "OPENING",
                "PAYMENT");
    }

    @Test
    void linesReadAsOfficersExpectThem() {
        assertThat(ExceptionCategory.fileRefused("SIG:EXPIRED ...")).isEqualTo("file refused: SIG:EXPIRED ...");
        assertThat(ExceptionCategory.batchRefused("bad root", " (line 3, column 7)"))
                .isEqualTo("batch refused: bad root (line 3, column 7)");
        assertThat(ExceptionCategory.syntaxCode("26")).isEqualTo("0085:26");
        assertThat(ExceptionCategory.content("Unknown currency", "XYZ", "MOA[1]"))
                .isEqualTo("Unknown currency - XYZ (MOA[1])");
        assertThat(ExceptionCategory.selectivityCode(Channel.RED)).isEqualTo("CS:RED");
        assertThat(ExceptionCategory.selectivity(Channel.RED)).isEqualTo(Channel.RED.text() + " selected");
    }
}

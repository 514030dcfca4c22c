package org.edibatch.payment;

import org.edibatch.samples.load.CreditAdviceGenerator;
import org.edibatch.samples.load.CreditAdviceGenerator.Due;
import org.edibatch.schemas.PaymentNumber;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Credit advice files for the readers' tests, written by the sample generator (exact payments only). */
final class AdviceFiles {

    static final LocalDate VALUE_DATE = LocalDate.of(2026, 11, 27);

    private AdviceFiles() {
    }

    static List<Due> dues(int n) {
        List<Due> dues = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            dues.add(new Due(PaymentNumber.of(500 + i / 100, i % 100), BigDecimal.valueOf(1_000L * i + 7)));
        }
        return dues;
    }

    /** The text with each UNT's segment count made right again after a test removed or added segments. */
    static String recount(String text) {
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("UNH+")) {
                count = 0;
            }
            count++;
            if (line.startsWith("UNT+")) {
                line = "UNT+" + count + line.substring(line.indexOf('+', 4));
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    /** One file of {@code dues} paid exactly, {@code perMessage} to a message or notification. */
    static String oneFile(Path dir, List<Due> dues, boolean camt, int perMessage) throws IOException {
        new CreditAdviceGenerator(dir, "HANGUKBANK", 3, 100, 0, 0, 0, 0, 0, camt ? 100 : 0, dues.size(),
                perMessage, VALUE_DATE).generate(dues.iterator());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            if (all.size() != 1) {
                throw new IllegalStateException("expected one file, got " + all);
            }
            return Files.readString(all.get(0), StandardCharsets.ISO_8859_1);
        }
    }
}

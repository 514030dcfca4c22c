package org.edibatch.job.customs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code that runs for every message of the customs step uses no {@code java.util.stream}. StAEDI's validator
 * runs a stream pipeline several times per element (UsageNode.getChildren), and the JIT inlines it only while the
 * JDK's stream methods have seen StAEDI's lambdas alone: their type profiles are shared by the whole JVM, so each
 * pipeline of ours on the same threads (a filter per tariff lookup, one per CONTRL line) makes StAEDI's parse a
 * chain of megamorphic calls (docs/PERFORMANCE.md). This checks the compiled classes, so a
 * new {@code .stream()} on the path fails here rather than as a slower night.
 */
class MessagePathStreamsTest {

    /** Whole packages whose classes run per message (or per chunk) inside the customs step. */
    private static final List<String> PACKAGES = List.of("org/edibatch/customs", "org/edibatch/edifact",
            "org/edibatch/ledger", "org/edibatch/ack", "org/edibatch/db", "org/edibatch/xml",
            "org/edibatch/job/customs");
    /** Single classes of other packages on the same path. */
    private static final List<String> CLASSES = List.of("org/edibatch/refdata/ReferenceSnapshot",
            // the banks' credit advices, read line by line
            "org/edibatch/payment/CremulMapper", "org/edibatch/payment/Camt054Reader",
            "org/edibatch/payment/AdviceValues");
    /** Run once, after the customs step has parsed its last message. */
    private static final Set<String> AFTER_THE_PARSE = Set.of("org/edibatch/job/customs/FinishTasklet",
            // the seal step's and verify-ledger's reading of the journal
            "org/edibatch/ledger/LedgerRepository");

    @Test
    void noClassOnTheMessagePathReferencesJavaUtilStream() throws Exception {
        Path classes = classesRoot();
        List<Path> checked = new ArrayList<>();
        for (String pkg : PACKAGES) {
            try (Stream<Path> files = Files.walk(classes.resolve(pkg))) {
                files.filter(f -> f.toString().endsWith(".class")).forEach(checked::add);
            }
        }
        for (String c : CLASSES) {
            checked.add(classes.resolve(c + ".class"));
        }
        List<String> offenders = new ArrayList<>();
        for (Path f : checked) {
            String name = classes.relativize(f).toString().replace('\\', '/');
            String outer = name.replaceAll("(\\$.*)?\\.class$", "");
            if (!AFTER_THE_PARSE.contains(outer) && references(f, "java/util/stream/")) {
                offenders.add(name);
            }
        }
        assertThat(checked).as("classes found under %s", classes).hasSizeGreaterThan(50);
        assertThat(offenders).as("classes on the customs step's message path that use java.util.stream").isEmpty();
    }

    @Test
    void theCheckFindsAStreamWhereThereIsOne() throws Exception {
        // FinishTasklet is left out of the check because it runs after the parse, not because it has none.
        Path finish = classesRoot().resolve("org/edibatch/job/customs/FinishTasklet.class");
        assertThat(references(finish, "java/util/stream/")).isTrue();
        assertThat(references(classesRoot().resolve("org/edibatch/job/customs/CustomsWriter.class"),
                "java/util/stream/")).isFalse();
    }

    /** Class and method references are kept as plain (modified) UTF-8 in the constant pool. */
    private static boolean references(Path classFile, String prefix) throws IOException {
        byte[] bytes = Files.readAllBytes(classFile);
        byte[] needle = prefix.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Path classesRoot() throws URISyntaxException {
        return Path.of(CustomsWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}

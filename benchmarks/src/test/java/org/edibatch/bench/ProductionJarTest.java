package org.edibatch.bench;

import org.edibatch.support.SlowTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's jars hold no benchmark: neither the executable jar the scripts run (its own classes and every
 * library nested in it) nor the plain jar of the same classes. Runs after batch-app is packaged in the reactor;
 * the jars' paths come from the build (failsafe's system properties), and a missing jar fails the test.
 */
@SlowTest
class ProductionJarTest {

    @Test
    void theExecutableJarHoldsNoBenchmarkClassAndNoJmh() throws IOException {
        Path jar = jar("edibatch.app.jar");
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.add(e.getName());
                if (e.getName().startsWith("BOOT-INF/lib/") && e.getName().endsWith(".jar")) {
                    try (JarInputStream nested = new JarInputStream(zip.getInputStream(e))) {
                        JarEntry n;
                        while ((n = nested.getNextJarEntry()) != null) {
                            entries.add(e.getName() + "!/" + n.getName());
                        }
                    }
                }
            }
        }
        assertThat(entries).as("a Spring Boot jar with the application in it")
                .contains("BOOT-INF/classes/org/edibatch/EdiBatchApplication.class");
        assertThat(entries).as("no library of the benchmarks").noneMatch(n -> n.startsWith("BOOT-INF/lib/jmh-")
                || n.startsWith("BOOT-INF/lib/benchmarks") || n.startsWith("BOOT-INF/lib/sample-messages"));
        assertNoBenchmark(entries);
    }

    @Test
    void thePlainJarOfTheSameClassesHoldsNoBenchmarkClass() throws IOException {
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar("edibatch.app.plain.jar").toFile())) {
            zip.stream().forEach(e -> entries.add(e.getName()));
        }
        assertThat(entries).contains("org/edibatch/EdiBatchApplication.class");
        assertNoBenchmark(entries);
    }

    private static void assertNoBenchmark(List<String> entries) {
        assertThat(entries).noneMatch(n -> n.contains("org/edibatch/bench/"));
        assertThat(entries).noneMatch(n -> n.contains("org/openjdk/jmh/"));
        assertThat(entries).noneMatch(n -> n.contains("META-INF/BenchmarkList"));
        assertThat(entries).noneMatch(n -> n.contains("org/edibatch/") && n.endsWith(".class")
                && (n.substring(n.lastIndexOf('/') + 1).contains("Bench")));
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        assertThat(path).as("system property " + property + " (set by the benchmarks module's failsafe configuration)")
                .isNotBlank();
        Path jar = Path.of(path);
        assertThat(jar).as("the application jar: package batch-app first (mvn verify from the root)").isRegularFile();
        return jar;
    }
}

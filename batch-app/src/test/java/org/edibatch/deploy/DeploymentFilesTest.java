package org.edibatch.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment examples in deploy/ are valid as they are shipped: every Kubernetes document parses and has
 * what the API server needs, the systemd units have their sections and keys and, where systemd-analyze is
 * installed, pass its verification.
 */
class DeploymentFilesTest {

    /** The module's folder is the working directory of the tests; deploy/ is beside it. */
    private static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");

    @Test
    @SuppressWarnings("unchecked")
    void everyKubernetesDocumentParsesAndNamesItsKind() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(f))) {
                    assertThat(doc).as(f + ": a mapping").isInstanceOf(Map.class);
                    Map<String, Object> m = (Map<String, Object>) doc;
                    assertThat(m).as(f.toString()).containsKeys("apiVersion", "kind", "metadata");
                    assertThat((Map<String, Object>) m.get("metadata")).as(f.toString()).containsKey("name");
                    docs.add(m);
                }
            }
        }
        assertThat(docs).extracting(d -> d.get("kind"))
                .contains("CronJob", "Deployment", "ConfigMap", "Secret", "PersistentVolumeClaim");
        Map<String, Object> cron = docs.stream().filter(d -> "CronJob".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> cronSpec = (Map<String, Object>) cron.get("spec");
        assertThat(cronSpec.get("schedule").toString().split(" ")).as("a five-field schedule").hasSize(5);
        assertThat(cronSpec.get("concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(containers(docs, "CronJob")).anySatisfy(c -> assertThat(c.get("args").toString())
                .contains("nightly").contains("--workers=remote"));
        assertThat(containers(docs, "Deployment")).anySatisfy(c -> assertThat(c.get("args").toString())
                .contains("worker"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(List<Map<String, Object>> docs, String kind) {
        Map<String, Object> d = docs.stream().filter(x -> kind.equals(x.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) d.get("spec");
        if ("CronJob".equals(kind)) {
            spec = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
        }
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        return (List<Map<String, Object>>) pod.get("containers");
    }

    @Test
    void theSystemdUnitsHaveTheirSectionsAndKeys() throws Exception {
        Map<String, Map<String, String>> worker = unit(DEPLOY.resolve("systemd/edibatch-worker.service"));
        assertThat(worker).containsKeys("Unit", "Service", "Install");
        assertThat(worker.get("Service")).containsKeys("ExecStart", "User", "KillSignal", "TimeoutStopSec");
        assertThat(worker.get("Service").get("ExecStart")).endsWith("scripts/worker.sh");
        Map<String, Map<String, String>> nightly = unit(DEPLOY.resolve("systemd/edibatch-nightly.service"));
        assertThat(nightly.get("Service")).containsEntry("Type", "oneshot").containsKey("ExecStart");
        Map<String, Map<String, String>> timer = unit(DEPLOY.resolve("systemd/edibatch-nightly.timer"));
        assertThat(timer.get("Timer")).containsKeys("OnCalendar").containsEntry("Unit", "edibatch-nightly.service");
        assertThat(timer).containsKey("Install");
    }

    /** Sections of key=value lines; anything else (outside comments and blank lines) fails the test. */
    private static Map<String, Map<String, String>> unit(Path file) throws Exception {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.matches("\\[[A-Za-z]+]")) {
                current = new LinkedHashMap<>();
                sections.put(l.substring(1, l.length() - 1), current);
                continue;
            }
            assertThat(current).as(file + ": a key before any section: " + l).isNotNull();
            assertThat(l).as(file + ": not a Key=value line").matches("[A-Za-z]+=.*");
            current.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        }
        return sections;
    }

    /** systemd's own check, with the scripts the units start taken from this checkout instead of /opt/edibatch. */
    @Test
    void systemdAnalyzeVerifiesTheUnitsWhereItIsInstalled(@TempDir Path dir) throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "systemd-analyze")));
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "systemd-analyze is not installed");
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify"));
        try (Stream<Path> units = Files.list(DEPLOY.resolve("systemd"))) {
            for (Path u : units.sorted().toList()) {
                Path copy = dir.resolve(u.getFileName());
                Files.writeString(copy, Files.readString(u).replace("/opt/edibatch/", DEPLOY.getParent() + "/"));
                cmd.add(copy.toString());
            }
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("systemd-analyze verify").isBlank();
    }
}

package org.edibatch.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;

/**
 * Everything an operator configures (application.properties, a file given by --spring.config.additional-location,
 * or environment variables such as EDIBATCH_HOME). Defaults suit the demo.
 *
 * @param home        base folder of inbox/, work/, outbox/, archive/, quarantine/, reports/ and the embedded database
 * @param inbox       where senders drop files; defaults to home/inbox
 * @param ourEdiId    this customs office's EDI id: interchanges must be addressed to it
 * @param zone        the office's time zone: decides dates of folders and answers
 * @param fixedClock  an ISO instant; when set the run's clock stands still there (reproducible runs and tests)
 * @param chunkSize   messages per transaction in the customs step
 * @param threads     worker threads (partitions) of the customs step; default: the number of cores
 * @param trust       trust anchors and CRLs for signature verification
 * @param signature   which message kinds must be signed
 * @param earlyAnswerMaxBytes the most memory one file's answers may take while the customs step builds them
 *                    (answered as soon as the file is committed); a file beyond it, and every file when 0, is
 *                    answered by the answer step from the database instead. Default 8 MiB.
 */
@ConfigurationProperties(prefix = "edibatch")
public record EdiBatchProperties(Path home, Path inbox, String ourEdiId, String zone, String fixedClock,
                                 Integer chunkSize, Tax tax, Selectivity selectivity, Fault fault, Trust trust,
                                 Signature signature, Integer threads, Long earlyAnswerMaxBytes) {

    /** @param anchors folder of trusted CA certificates; @param crls folder of CRL files */
    public record Trust(Path anchors, Path crls) {
    }

    /**
     * @param required    whether a message kind without its own entry must be signed (default true)
     * @param requiredFor per message kind (e.g. CUSDEC), overriding {@code required}
     */
    public record Signature(Boolean required, java.util.Map<String, Boolean> requiredFor) {
        public boolean requiredFor(String kind) {
            if (requiredFor != null && kind != null && requiredFor.containsKey(kind)) {
                return requiredFor.get(kind);
            }
            return required == null || required;
        }
    }

    public record Tax(RoundingMode rounding, BigDecimal vatRatePercent) {
    }

    public record Selectivity(long seed, BigDecimal samplePercent, int yellowThreshold, int redThreshold) {
    }

    /**
     * Fault drills. @param failAfterChunks fail the customs step after this many chunk writes in this JVM
     * (negative = never); @param crashAt freeze at a named crash point ({@code name:n}) for the kill harness.
     */
    public record Fault(int failAfterChunks, String crashAt) {
    }

    public EdiBatchProperties {
        home = home == null ? Path.of("var") : home;
        inbox = inbox == null ? home.resolve("inbox") : inbox;
        ourEdiId = ourEdiId == null ? "KCS" : ourEdiId;
        zone = zone == null ? "Asia/Seoul" : zone;
        chunkSize = chunkSize == null ? 1000 : chunkSize;
        threads = threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        tax = tax == null ? new Tax(RoundingMode.DOWN, BigDecimal.TEN) : tax;
        selectivity = selectivity == null ? new Selectivity(20261128L, new BigDecimal("3"), 40, 70) : selectivity;
        fault = fault == null ? new Fault(-1, null) : fault;
        trust = new Trust(trust == null || trust.anchors() == null ? home.resolve("pki/trust") : trust.anchors(),
                trust == null || trust.crls() == null ? home.resolve("pki/crl") : trust.crls());
        signature = signature == null ? new Signature(true, java.util.Map.of()) : signature;
        earlyAnswerMaxBytes = earlyAnswerMaxBytes == null ? 8L << 20 : earlyAnswerMaxBytes;
    }

    public Path work() {
        return home.resolve("work");
    }

    public Path outbox() {
        return home.resolve("outbox");
    }

    public Path archive() {
        return home.resolve("archive");
    }

    public Path quarantine() {
        return home.resolve("quarantine");
    }

    public Path reports() {
        return home.resolve("reports");
    }
}

package org.edibatch.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

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
 * @param intake      when a delivery in the inbox is ready to be claimed
 * Validated when bound: a bad value stops the command before it claims, answers or starts anything.
 */
@ConfigurationProperties(prefix = "edibatch")
@Validated
public record EdiBatchProperties(Path home, Path inbox,
                                 @NotBlank(message = "must be an EDI id of 1 to 35 characters")
                                 @Size(max = 35, message = "must be an EDI id of 1 to 35 characters") String ourEdiId,
                                 ZoneId zone, Instant fixedClock,
                                 @Min(value = 1, message = "must be at least 1") Integer chunkSize,
                                 @Valid Tax tax, @Valid Selectivity selectivity, Fault fault, Trust trust,
                                 Signature signature,
                                 @Min(value = 1, message = "must be between 1 and 1024")
                                 @Max(value = 1024, message = "must be between 1 and 1024") Integer threads,
                                 @Min(value = 0, message = "must be 0 or more") Long earlyAnswerMaxBytes,
                                 @Valid Intake intake) {

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

    /** @param rounding to whole won; UNNECESSARY is refused, as it fails on the first fraction of a won */
    public record Tax(@NotRoundingUnnecessary RoundingMode rounding,
                      @DecimalMin(value = "0", message = "must be between 0 and 100")
                      @DecimalMax(value = "100", message = "must be between 0 and 100") BigDecimal vatRatePercent) {
    }

    public record Selectivity(long seed,
                              @DecimalMin(value = "0", message = "must be between 0 and 100")
                              @DecimalMax(value = "100", message = "must be between 0 and 100") BigDecimal samplePercent,
                              @Min(value = 0, message = "must be 0 or more") int yellowThreshold,
                              @Min(value = 0, message = "must be 0 or more") int redThreshold) {

        /** Document review below physical inspection: a yellow threshold above the red one would never apply. */
        @AssertTrue(message = "edibatch.selectivity.yellow-threshold must not be above "
                + "edibatch.selectivity.red-threshold")
        public boolean isYellowNotAboveRed() {
            return yellowThreshold <= redThreshold;
        }
    }

    /**
     * Fault drills. @param failAfterChunks fail the customs step after this many chunk writes in this JVM
     * (negative = never); @param crashAt freeze at a named crash point ({@code name:n}) for the kill harness.
     */
    public record Fault(int failAfterChunks, String crashAt) {
    }

    /**
     * @param settle      a delivery is claimed once it has not changed for this long (an upload still being written
     *                    is left for a later run); default 30 s
     * @param orphanGrace a signature file without its file waits this long for it, then is refused; default 1 h
     */
    public record Intake(@DurationMin(seconds = 0, message = "must be 0s or more") Duration settle,
                         @DurationMin(seconds = 0, message = "must be 0s or more") Duration orphanGrace) {
        public Intake {
            settle = settle == null ? Duration.ofSeconds(30) : settle;
            orphanGrace = orphanGrace == null ? Duration.ofHours(1) : orphanGrace;
        }
    }

    public EdiBatchProperties {
        home = home == null ? Path.of("var") : home;
        inbox = inbox == null ? home.resolve("inbox") : inbox;
        ourEdiId = ourEdiId == null ? "KCS" : ourEdiId;
        zone = zone == null ? ZoneId.of("Asia/Seoul") : zone;
        chunkSize = chunkSize == null ? 1000 : chunkSize;
        threads = threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        tax = tax == null ? new Tax(RoundingMode.DOWN, BigDecimal.TEN) : tax;
        selectivity = selectivity == null ? new Selectivity(20261128L, new BigDecimal("3"), 40, 70) : selectivity;
        fault = fault == null ? new Fault(-1, null) : fault;
        trust = new Trust(trust == null || trust.anchors() == null ? home.resolve("pki/trust") : trust.anchors(),
                trust == null || trust.crls() == null ? home.resolve("pki/crl") : trust.crls());
        signature = signature == null ? new Signature(true, java.util.Map.of()) : signature;
        earlyAnswerMaxBytes = earlyAnswerMaxBytes == null ? 8L << 20 : earlyAnswerMaxBytes;
        intake = intake == null ? new Intake(null, null) : intake;
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

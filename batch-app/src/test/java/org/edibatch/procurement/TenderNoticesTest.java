package org.edibatch.procurement;

import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which T-code a tender notice's signature earns; the agency's registered number decides who may sign. */
class TenderNoticesTest {

    private static final Instant AT = Instant.parse("2026-11-28T01:00:00Z");

    private static String code(VerificationOutcome outcome, String brn) {
        TenderNotices.Refusal r = TenderNotices.judge(outcome, "AG-PPS", brn);
        return r == null ? "loaded" : r.code().name() + (r.detail() == null ? "" : " " + r.detail());
    }

    @Test
    void eachSignatureProblemHasItsCode() {
        assertThat(code(null, "1048200001")).isEqualTo("T30");
        assertThat(code(VerificationOutcome.of(SubReason.MISSING_SIGNATURE, "none"), "1048200001")).isEqualTo("T30");
        assertThat(code(VerificationOutcome.failed(SubReason.DIGEST_MISMATCH, "changed"), "1048200001"))
                .isEqualTo("T31 DIGEST_MISMATCH: changed");
        assertThat(code(VerificationOutcome.indeterminate(SubReason.REVOCATION_UNKNOWN, null), "1048200001"))
                .isEqualTo("T31 REVOCATION_UNKNOWN");
        assertThat(code(VerificationOutcome.failed(SubReason.REVOKED, "crl"), "1048200001")).startsWith("T33 REVOKED");
        assertThat(code(VerificationOutcome.failed(SubReason.EXPIRED, "old"), "1048200001")).startsWith("T33 EXPIRED");
        assertThat(code(VerificationOutcome.passed("CN=AG-PPS", "1048200001", AT), null)).isEqualTo("T40 AG-PPS");
        assertThat(code(VerificationOutcome.passed("CN=AG-SEOUL", "1048300002", AT), "1048200001"))
                .isEqualTo("T32 expected BRN 1048200001, signer BRN 1048300002");
        assertThat(code(VerificationOutcome.passed("CN=AG-PPS", "1048200001", AT), "1048200001")).isEqualTo("loaded");
    }
}

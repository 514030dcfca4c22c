package org.edibatch.job.procurement;

import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Procurement settings (prefix edibatch.procurement). Folders default under edibatch.home.
 *
 * @param tendersInbox           where the agencies' back office drops tender notices; default HOME/procurement/tenders-inbox
 * @param bidsInbox              where bidders drop bids (NAME + NAME.p7s); default HOME/procurement/bids-inbox
 * @param agencyKeystore         PKCS#12 holding the agency's encryption key and certificate, read only by the
 *                               opening job; default HOME/procurement/agency-encryption.p12. Never stored in the database.
 * @param agencyKeystorePassword its password (give it by environment: EDIBATCH_PROCUREMENT_AGENCYKEYSTOREPASSWORD)
 * @param ourEdiId               the UNB recipient of EDIFACT bids and sender of our APERAKs; default KONEPS
 * @param retenderPeriod         how long after a failed tender's opening the re-tender's bids close; default 7 days
 */
@ConfigurationProperties(prefix = "edibatch.procurement")
@Validated
public record ProcurementProperties(Path tendersInbox, Path bidsInbox, Path agencyKeystore, String agencyKeystorePassword,
                                    @Size(min = 1, max = 35, message = "must be an EDI id of 1 to 35 characters")
                                    String ourEdiId, java.time.Duration retenderPeriod) {

    public ProcurementProperties {
        ourEdiId = ourEdiId == null ? "KONEPS" : ourEdiId;
        retenderPeriod = retenderPeriod == null ? java.time.Duration.ofDays(7) : retenderPeriod;
        if (retenderPeriod.isNegative() || retenderPeriod.isZero()) {
            throw new IllegalArgumentException("edibatch.procurement.retender-period must be positive: " + retenderPeriod);
        }
    }

    public Path tendersInbox(Path home) {
        return tendersInbox != null ? tendersInbox : home.resolve("procurement/tenders-inbox");
    }

    public Path bidsInbox(Path home) {
        return bidsInbox != null ? bidsInbox : home.resolve("procurement/bids-inbox");
    }

    public Path agencyKeystore(Path home) {
        return agencyKeystore != null ? agencyKeystore : home.resolve("procurement/agency-encryption.p12");
    }
}

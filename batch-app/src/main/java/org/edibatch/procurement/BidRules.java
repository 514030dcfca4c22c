package org.edibatch.procurement;

import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The intake's checks of a readable bid in their documented order (B30 ... B50). Bid intake takes the first
 * failure; a vendor's {@code bid verify} lists them all, so both answer with the same codes for the same file.
 */
public final class BidRules {

    private BidRules() {
    }

    /** A failed check; {@code detail} may be null. */
    public record Finding(ProcurementCode code, String detail) {
        public String text() {
            return code.text() + (detail == null ? "" : " (" + detail + ")");
        }
    }

    /** What the checks know of the tender named by the bid. */
    public record Tender(boolean open, Instant deadline) {
    }

    /**
     * @param outcome    the outer signature's outcome (MISSING_SIGNATURE when unsigned)
     * @param vendor     the registered vendor of the bid's bidder id, empty when not registered
     * @param tender     empty when no open tender has the bid's id; null when it is not known (not checked)
     * @param receivedAt the time of receipt; its day (in {@code receiptDay}) decides debarment
     * @param alreadyBid asked last, only when everything before passed or {@code all} is set
     * @param all        every finding, instead of stopping at the first
     */
    public static List<Finding> check(BidDocument bid, VerificationOutcome outcome,
                                      Optional<BidRepository.Vendor> vendor, Optional<Tender> tender,
                                      Instant receivedAt, LocalDate receiptDay, BooleanSupplier alreadyBid,
                                      boolean all) {
        List<Finding> found = new ArrayList<>();
        if (outcome.subReason() == SubReason.MISSING_SIGNATURE) {
            found.add(new Finding(ProcurementCode.B30, null));
        } else if (!outcome.isPassed()) {
            found.add(new Finding(ProcurementCode.B31, outcome.subReason().name()));
        }
        if (!all && !found.isEmpty()) {
            return found;
        }
        if (vendor.isEmpty()) {
            found.add(new Finding(ProcurementCode.B40, bid.bidderId()));
        } else {
            if (outcome.isPassed() && !SignerBinding.check(outcome, vendor.get().brn()).isPassed()) {
                found.add(new Finding(ProcurementCode.B32, "signer BRN " + outcome.signerBrn()));
            }
            if ((all || found.isEmpty()) && vendor.get().debarredOn(receiptDay)) {
                found.add(new Finding(ProcurementCode.B41, null));
            }
        }
        if (!all && !found.isEmpty()) {
            return found;
        }
        if (tender != null) {
            if (tender.isEmpty() || !tender.get().open()) {
                found.add(new Finding(ProcurementCode.B10, bid.tenderId()));
            } else if (receivedAt.isAfter(tender.get().deadline())) {
                found.add(new Finding(ProcurementCode.B20, "deadline " + tender.get().deadline() + ", received "
                        + receivedAt));
            }
        }
        if (!all && !found.isEmpty()) {
            return found;
        }
        if (!bid.picksValid()) {
            found.add(new Finding(ProcurementCode.B60, bid.pick1() + "," + bid.pick2()));
        }
        if ((all || found.isEmpty()) && alreadyBid.getAsBoolean()) {
            found.add(new Finding(ProcurementCode.B50, null));
        }
        return found;
    }
}

package org.edibatch.procurement;

import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.Credential;
import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.VerificationOutcome;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * Opens one sealed price: decrypt with the agency key, verify the bidder's inner signature (judged at the time the
 * bid was received, bound to the vendor's BRN), read the price and check it names this tender and bidder.
 * Refuses to run before the tender's opening time, whoever calls it.
 */
public final class SealedBidOpener {

    private final Credential agency;
    private final CmsVerifier verifier;

    /** Safe to share between threads: each bid is opened in memory of its own. */
    public SealedBidOpener(Credential agency, CmsVerifier verifier) {
        this.agency = agency;
        this.verifier = verifier;
    }

    public record Sealed(long bidId, String tenderId, String bidderId, String bidderBrn, Instant receivedAt,
                         byte[] sealedPrice) {
    }

    public PriceDocument open(Sealed bid, Instant openingTime, Instant now) throws ProcurementFormatException {
        if (now.isBefore(openingTime)) {
            throw new IllegalStateException("tender " + bid.tenderId() + " opens at " + openingTime + ", not before");
        }
        byte[] signed = PriceSeal.open(bid.sealedPrice(), agency);
        // in memory: a price document is a few kilobytes, and scratch files cost a create and a delete per bid
        ByteArrayOutputStream content = new ByteArrayOutputStream(1024);
        VerificationOutcome outcome = SignerBinding.check(verifier.verifyAttached(signed, content, bid.receivedAt()),
                bid.bidderBrn());
        if (!outcome.isPassed()) {
            throw new ProcurementFormatException(ProcurementCode.O11, outcome.subReason().name());
        }
        PriceDocument price = PriceDocument.parse(content.toByteArray());
        if (!bid.tenderId().equals(price.tenderId()) || !bid.bidderId().equals(price.bidderId())) {
            throw new ProcurementFormatException(ProcurementCode.O12, "price document names tender "
                    + price.tenderId() + " and bidder " + price.bidderId());
        }
        return price;
    }
}

package org.edibatch.procurement;

import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.Credential;
import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.VerificationOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Opens one sealed price: decrypt with the agency key, verify the bidder's inner signature (judged at the time the
 * bid was received, bound to the vendor's BRN), read the price and check it names this tender and bidder.
 * Refuses to run before the tender's opening time, whoever calls it.
 */
public final class SealedBidOpener {

    private final Credential agency;
    private final CmsVerifier verifier;
    private final Path scratch;

    /** @param scratch private folder for the verifier's files, emptied after each bid */
    public SealedBidOpener(Credential agency, CmsVerifier verifier, Path scratch) {
        this.agency = agency;
        this.verifier = verifier;
        this.scratch = scratch;
    }

    public record Sealed(long bidId, String tenderId, String bidderId, String bidderBrn, Instant receivedAt,
                         byte[] sealedPrice) {
    }

    public PriceDocument open(Sealed bid, Instant openingTime, Instant now) throws ProcurementFormatException {
        if (now.isBefore(openingTime)) {
            throw new IllegalStateException("tender " + bid.tenderId() + " opens at " + openingTime + ", not before");
        }
        byte[] signed = PriceSeal.open(bid.sealedPrice(), agency);
        Path p7m = scratch.resolve("bid-" + bid.bidId() + ".p7m");
        Path content = scratch.resolve("bid-" + bid.bidId() + ".xml");
        try {
            Files.createDirectories(scratch);
            Files.write(p7m, signed);
            VerificationOutcome outcome = SignerBinding.check(verifier.verifyAttached(p7m, content, bid.receivedAt()),
                    bid.bidderBrn());
            if (!outcome.isPassed()) {
                throw new ProcurementFormatException(ProcurementCode.O11, outcome.subReason().name());
            }
            PriceDocument price = PriceDocument.parse(Files.readAllBytes(content));
            if (!bid.tenderId().equals(price.tenderId()) || !bid.bidderId().equals(price.bidderId())) {
                throw new ProcurementFormatException(ProcurementCode.O12, "price document names tender "
                        + price.tenderId() + " and bidder " + price.bidderId());
            }
            return price;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(p7m);
                Files.deleteIfExists(content);
            } catch (IOException ignored) {
                // a leftover scratch file is removed with the next bid of the same id or by the operator
            }
        }
    }
}

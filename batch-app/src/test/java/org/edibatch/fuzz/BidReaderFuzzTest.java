package org.edibatch.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.edibatch.procurement.BidDocument;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ProcurementFormatException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bid intake's reader fuzzed as intake calls it ({@link BidDocument#parse}): bids as the bidder's tool writes
 * them, a CONTEN of guide KONEPS-CONTEN-1 damaged by the EDIFACT mutations, an XML bid by the XML ones. Whatever
 * the input: a bid read whole (ids, two picks, a seal of at most the largest a CONTEN carries) or B01, never
 * another exception, and at most {@link Bounded#CPU_MS} ms of CPU per input.
 */
class BidReaderFuzzTest {

    @Provide
    Arbitrary<Mutator.Input> conten() {
        return Arbitraries.longs().map(Mutator::edifactBid);
    }

    @Provide
    Arbitrary<Mutator.Input> xmlBid() {
        return Arbitraries.longs().map(Mutator::xmlBid);
    }

    @Property
    void everyContenEndsWithABidOrB01(@ForAll("conten") Mutator.Input input) {
        Bounded.run(input, () -> read(input.bytes()));
    }

    @Property
    void everyXmlBidEndsWithABidOrB01(@ForAll("xmlBid") Mutator.Input input) {
        Bounded.run(input, () -> read(input.bytes()));
    }

    static void read(byte[] bytes) {
        BidDocument bid;
        try {
            bid = BidDocument.parse(bytes);
        } catch (ProcurementFormatException e) {
            assertThat(e.code()).isEqualTo(ProcurementCode.B01);
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
            return;
        }
        assertThat(bid.bidRef()).isNotBlank();
        assertThat(bid.tenderId()).isNotBlank();
        assertThat(bid.bidderId()).isNotBlank();
        assertThat(bid.sealedPrice()).isNotEmpty();
        if (bid.format().equals("EDIFACT")) {
            // the guide bounds what a CONTEN can carry
            assertThat(bid.bidRef().length()).isLessThanOrEqualTo(35);
            assertThat(bid.tenderId().length()).isLessThanOrEqualTo(35);
            assertThat(bid.sealedPrice().length).isLessThanOrEqualTo(org.edibatch.schemas.ProcurementDocuments.MAX_SEAL_BYTES);
        }
    }
}

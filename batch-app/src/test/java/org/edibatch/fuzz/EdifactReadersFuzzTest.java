package org.edibatch.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.edibatch.customs.ContentError;
import org.edibatch.customs.DeclarationMapper;
import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.EnvelopeScanner;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.edifact.SyntaxErrorCode;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EDIFACT path a sender's file takes, fuzzed: the claim's byte-level envelope scan and its StAEDI pass, then
 * (for a file the claim accepts) the validating read of the customs step and the CUSDEC mapping, called the
 * way {@code EnvelopeCheck} and {@code ClaimedMessageReader} call them. Whatever the input: no exception but
 * the documented {@link EdifactFormatException} leaves a reader, every refusal and every rejected message
 * carries 0085 codes, at most {@value InterchangeReader#MAX_ERRORS_PER_MESSAGE} errors per message, the
 * counts of both passes agree, and each input costs at most {@link Bounded#CPU_MS} ms of CPU.
 */
class EdifactReadersFuzzTest {

    private static final Set<String> CODES_0085 = Arrays.stream(SyntaxErrorCode.values()).map(SyntaxErrorCode::code)
            .collect(Collectors.toUnmodifiableSet());

    @Provide
    Arbitrary<Mutator.Input> interchanges() {
        return Arbitraries.longs().map(Mutator::edifact);
    }

    @Property
    void everyInterchangeEndsWithACodedOutcome(@ForAll("interchanges") Mutator.Input input) {
        Bounded.run(input, () -> decide(input.bytes()));
    }

    /** What the claim's thorough pass found; header null when the file is not EDIFACT at all. */
    record Claim(boolean readable, int messages, List<SyntaxError> errors, String failureCode, List<SyntaxError> headerErrors,
                 String controlReference) {
        boolean accepted() {
            return readable && errors.isEmpty() && failureCode == null;
        }
    }

    static void decide(byte[] bytes) throws Exception {
        EnvelopeScanner.Summary fast = EnvelopeScanner.scan(new ByteArrayInputStream(bytes));
        Claim claim = claim(bytes);
        if (fast != null && claim.readable() && fast.controlReference().equals(claim.controlReference())) {
            // EnvelopeCheck then trusts the scan and reads no further than UNB: the thorough pass must agree.
            assertThat(claim.failureCode()).as("the scan passed an interchange the thorough pass cannot read").isNull();
            assertThat(claim.messages()).as("messages: scan vs thorough pass").isEqualTo(fast.messageCount());
            assertThat(codes(claim.errors())).as("envelope errors the scan let through")
                    .isEqualTo(codes(claim.headerErrors()));
        }
        if (!claim.readable()) {
            return; // refused whole as "not an EDIFACT interchange", with its reason: documented
        }
        for (SyntaxError e : claim.errors()) {
            assertThat(CODES_0085).as("0085 code of %s", e).contains(e.code());
        }
        if (!claim.accepted()) {
            return;
        }
        readAsTheCustomsStep(bytes, claim);
    }

    static Claim claim(byte[] bytes) throws Exception {
        InterchangeReader reader;
        try {
            reader = InterchangeReader.open(new ByteArrayInputStream(bytes), false);
        } catch (EdifactFormatException e) {
            assertThat(CODES_0085).contains(e.code());
            return new Claim(false, 0, List.of(), e.code(), List.of(), null);
        }
        try (reader) {
            List<SyntaxError> headerErrors = List.copyOf(reader.interchangeErrors());
            String failure = null;
            List<SyntaxError> errors = new ArrayList<>();
            try {
                while (reader.next() != null) {
                    // envelope mode: only the count and the envelope's errors matter here
                }
            } catch (EdifactFormatException e) {
                failure = e.code();
                errors.add(new SyntaxError(e.code(), 0, null, 0, 0, e.getMessage()));
            }
            errors.addAll(reader.interchangeErrors());
            return new Claim(true, reader.messageCount(), errors, failure, headerErrors, reader.header().controlReference());
        }
    }

    /** As ClaimedMessageReader: a failure to open fails the run, so for a claimed file it must not happen. */
    static void readAsTheCustomsStep(byte[] bytes, Claim claim) throws Exception {
        DeclarationMapper mapper = new DeclarationMapper();
        int read = 0;
        int accepted = 0;
        int rejected = 0;
        boolean unreadable = false;
        try (InterchangeReader reader = InterchangeReader.inbound(new ByteArrayInputStream(bytes), true)) {
            String sender = reader.header().sender();
            while (!unreadable) {
                EdifactMessage m;
                try {
                    m = reader.next();
                } catch (EdifactFormatException e) {
                    unreadable = true;
                    m = reader.unreadable(e);
                }
                if (m == null) {
                    break;
                }
                read++;
                assertThat(m.errors()).as("errors kept for message %d", m.index())
                        .hasSizeLessThanOrEqualTo(InterchangeReader.MAX_ERRORS_PER_MESSAGE);
                for (SyntaxError e : m.errors()) {
                    assertThat(CODES_0085).as("0085 code of %s", e).contains(e.code());
                }
                if (m.hasErrors()) {
                    rejected++;
                } else {
                    accepted++;
                }
                if (!m.hasErrors() && "CUSDEC".equals(m.type())) {
                    DeclarationMapper.Result r = mapper.map(sender, m);
                    assertThat(r.declaration()).isNotNull();
                    for (ContentError e : r.errors()) {
                        assertThat(e.code().code()).as("content code").matches("C\\d{3}");
                    }
                }
            }
            assertThat(reader.interchangeErrors()).as("envelope errors the claim did not find").isEmpty();
        }
        assertThat(accepted + rejected).as("messages read = accepted + rejected").isEqualTo(read);
        if (!unreadable) {
            assertThat(read).as("messages read by the customs step vs counted by the claim").isEqualTo(claim.messages());
        } else {
            assertThat(read).isLessThanOrEqualTo(claim.messages() + 1);
        }
    }

    private static List<String> codes(List<SyntaxError> errors) {
        return errors.stream().map(SyntaxError::code).sorted().toList();
    }
}

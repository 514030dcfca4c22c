package org.edibatch.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.edifact.SyntaxErrorCode;
import org.edibatch.payment.Advice;
import org.edibatch.payment.AdviceCode;
import org.edibatch.payment.Camt054Reader;
import org.edibatch.payment.CremulMapper;
import org.edibatch.payment.LineRefusal;
import org.edibatch.payment.PaymentLine;
import org.edibatch.xml.XmlErrorCode;
import org.edibatch.xml.XmlLimits;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The banks' readers fuzzed as the payments step reads them: a CREMUL interchange (generated, then damaged by the
 * EDIFACT mutations) through {@code InterchangeReader} and {@link CremulMapper}, a camt.054 document (damaged by the
 * XML mutations) through {@link Camt054Reader}'s scan and read. Whatever the input: no exception but the documented
 * {@link EdifactFormatException} leaves a reader, a refusal carries its code (0085, X001..X004), every credit is a
 * payment line whose fields hold what matching needs or a refusal with an R code, the scan and the read agree, and
 * each input costs at most {@link Bounded#CPU_MS} ms of CPU.
 */
class PaymentReadersFuzzTest {

    private static final Set<String> CODES_0085 = Arrays.stream(SyntaxErrorCode.values()).map(SyntaxErrorCode::code)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> X_CODES = Arrays.stream(XmlErrorCode.values()).map(XmlErrorCode::code)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> R_CODES = Arrays.stream(AdviceCode.values()).map(AdviceCode::code)
            .collect(Collectors.toUnmodifiableSet());

    @Provide
    Arbitrary<Mutator.Input> cremul() {
        return Arbitraries.longs().map(Mutator::cremul);
    }

    @Provide
    Arbitrary<Mutator.Input> camt054() {
        return Arbitraries.longs().map(Mutator::camt054);
    }

    @Property
    void everyCremulEndsWithACodedOutcome(@ForAll("cremul") Mutator.Input input) {
        Bounded.run(input, () -> readCremul(input.bytes()));
    }

    @Property
    void everyCamt054EndsWithACodedOutcome(@ForAll("camt054") Mutator.Input input) {
        Bounded.run(input, () -> readCamt054(input.bytes()));
    }

    static void readCremul(byte[] bytes) throws Exception {
        InterchangeReader reader;
        try {
            reader = InterchangeReader.open(new ByteArrayInputStream(bytes), true);
        } catch (EdifactFormatException e) {
            assertThat(CODES_0085).contains(e.code());
            return;
        }
        CremulMapper mapper = new CremulMapper();
        try (reader) {
            while (true) {
                EdifactMessage m;
                try {
                    m = reader.next();
                } catch (EdifactFormatException e) {
                    assertThat(CODES_0085).contains(e.code());
                    m = reader.unreadable(e);
                    if (m != null) {
                        assertThat(m.errors()).isNotEmpty();
                    }
                    break;
                }
                if (m == null) {
                    break;
                }
                assertThat(m.errors()).hasSizeLessThanOrEqualTo(InterchangeReader.MAX_ERRORS_PER_MESSAGE);
                for (SyntaxError e : m.errors()) {
                    assertThat(CODES_0085).as("0085 code of %s", e).contains(e.code());
                }
                if (!m.hasErrors() && "CREMUL".equals(m.type())) {
                    Advice a = mapper.map(m);
                    assertThat(a.messageIndex()).isEqualTo(m.index() + 1);
                    checkAdvice(a);
                    assertThat(a.lines().size() + a.refusals().size()).as("one outcome per SEQ group")
                            .isEqualTo(m.segments().stream().filter(s -> "SEQ".equals(s.tag())).count());
                }
            }
            for (SyntaxError e : reader.interchangeErrors()) {
                assertThat(CODES_0085).contains(e.code());
            }
        }
    }

    static void readCamt054(byte[] bytes) throws Exception {
        Camt054Reader.Scan scan = Camt054Reader.scan(new ByteArrayInputStream(bytes), XmlLimits.defaults());
        if (scan.refused()) {
            assertThat(scan.errors()).as("a refusal says why").hasSize(1);
            assertThat(X_CODES).contains(scan.errors().get(0).code());
            return;
        }
        assertThat(scan.errors()).isEmpty();
        int advices = 0;
        int lines = 0;
        try (Camt054Reader reader = Camt054Reader.open(new ByteArrayInputStream(bytes), XmlLimits.defaults())) {
            Advice a;
            while ((a = reader.next()) != null) {
                advices++;
                assertThat(a.messageIndex()).isEqualTo(advices);
                checkAdvice(a);
                lines += a.lines().size();
            }
            assertThat(reader.refused()).as("the read refused what the scan accepted").isFalse();
        }
        assertThat(advices).isEqualTo(scan.advices());
        assertThat(lines).isEqualTo(scan.lines());
    }

    private static void checkAdvice(Advice a) {
        assertThat(a.adviceRef()).isNotNull();
        for (PaymentLine l : a.lines()) {
            assertThat(l.transactionRef()).isNotBlank().hasSizeLessThanOrEqualTo(35);
            assertThat(l.paymentReference()).isNotBlank().hasSizeLessThanOrEqualTo(35);
            assertThat(l.amount()).isPositive();
            assertThat(l.currency()).matches("[A-Z]{3}");
            assertThat(l.valueDate()).isNotNull();
            assertThat(l.messageIndex()).isEqualTo(a.messageIndex());
        }
        for (LineRefusal r : a.refusals()) {
            assertThat(R_CODES).contains(r.code());
            assertThat(r.text()).isNotBlank().hasSizeLessThanOrEqualTo(300);
        }
    }
}

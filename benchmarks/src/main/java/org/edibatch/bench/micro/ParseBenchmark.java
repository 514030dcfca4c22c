package org.edibatch.bench.micro;

import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.InterchangeReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The EDIFACT parse of one interchange through StAEDI and the CUSDEC guide, per message: the envelope pass of the
 * claim step and the validated pass of the customs reader. The score is per declaration.
 */
@State(Scope.Benchmark)
public class ParseBenchmark {

    private byte[] interchange;

    @Setup
    public void setUp() {
        interchange = Inputs.interchange();
    }

    @Benchmark
    @OperationsPerInvocation(Inputs.MESSAGES)
    public int envelopeOnly() throws IOException, EdifactFormatException {
        return messages(false);
    }

    @Benchmark
    @OperationsPerInvocation(Inputs.MESSAGES)
    public int validated() throws IOException, EdifactFormatException {
        return messages(true);
    }

    private int messages(boolean validated) throws IOException, EdifactFormatException {
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(interchange), validated)) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            if (n != Inputs.MESSAGES) {
                throw new IllegalStateException(n + " messages read of " + Inputs.MESSAGES);
            }
            return n;
        }
    }
}

package org.edibatch.bench.micro;

import org.edibatch.customs.DeclarationMapper;
import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CUSDEC-to-Declaration mapping of the customs processor alone, over messages parsed once beforehand.
 * The score is per declaration.
 */
@State(Scope.Benchmark)
public class MappingBenchmark {

    private final DeclarationMapper mapper = new DeclarationMapper();
    private final List<EdifactMessage> messages = new ArrayList<>();
    private String sender;

    @Setup
    public void setUp() throws IOException, EdifactFormatException {
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(Inputs.interchange()), true)) {
            sender = r.header().sender();
            EdifactMessage m;
            while ((m = r.next()) != null) {
                messages.add(m);
            }
        }
        DeclarationMapper.Result first = mapper.map(sender, messages.get(0));
        if (!first.errors().isEmpty()) {
            throw new IllegalStateException("the benchmark's declaration does not map: " + first.errors());
        }
    }

    @Benchmark
    @OperationsPerInvocation(Inputs.MESSAGES)
    public void map(Blackhole bh) {
        for (EdifactMessage m : messages) {
            bh.consume(mapper.map(sender, m));
        }
    }
}

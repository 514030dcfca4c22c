package org.edibatch.bench.micro;

import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.DemoPki;
import org.edibatch.signature.DemoPki.KeyType;
import org.edibatch.signature.DemoPki.Party;
import org.edibatch.signature.TrustStore;
import org.edibatch.signature.VerificationOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Detached CMS verification of one interchange through the file-based API the intake uses, path and CRL check
 * included (the chain cache warm after the first call), for an RSA-2048 and an EC P-256 sender.
 */
@State(Scope.Benchmark)
public class VerifyBenchmark {

    @Param({"RSA", "EC"})
    public KeyType keyType;

    private Path dir;
    private Path content;
    private Path p7s;
    private Instant now;
    private CmsVerifier verifier;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("verifybench");
        now = Instant.now();
        DemoPki pki = DemoPki.create(dir.resolve("pki"), now, List.of(new Party("bench", "1208147521", keyType)));
        content = dir.resolve("interchange.edi");
        Files.write(content, Inputs.interchange());
        p7s = dir.resolve("interchange.edi.p7s");
        new CmsSigner().sign(content, p7s, pki.credential("bench"), true);
        verifier = new CmsVerifier(TrustStore.load(pki.trustConfig()));
        verify();
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public VerificationOutcome verify() {
        VerificationOutcome o = verifier.verifyDetached(content, p7s, now);
        if (!o.isPassed()) {
            throw new IllegalStateException("the benchmark's signature does not verify: " + o);
        }
        return o;
    }
}

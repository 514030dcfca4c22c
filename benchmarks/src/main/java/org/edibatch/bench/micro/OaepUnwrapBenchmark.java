package org.edibatch.bench.micro;

import org.edibatch.signature.internal.BcProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;

/**
 * The sealed bid's key unwrap on its own: RSA-2048 private decrypt with CRT, OAEP (SHA-256, MGF1-SHA-256), of a
 * 32-byte AES key, by the JDK's provider (SunJCE) and by BouncyCastle's. {@code PriceSeal.open} uses the faster.
 */
@State(Scope.Benchmark)
public class OaepUnwrapBenchmark {

    @Param({"SunJCE", "BC"})
    public String provider;

    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);

    private KeyPair keys;
    private byte[] key;
    private byte[] wrapped;
    private Provider chosen;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        Cipher enc = Cipher.getInstance("RSA/ECB/OAEPPadding");
        enc.init(Cipher.ENCRYPT_MODE, keys.getPublic(), OAEP);
        wrapped = enc.doFinal(key);
        chosen = "BC".equals(provider) ? BcProvider.INSTANCE : Security.getProvider(provider);
        if (!Arrays.equals(unwrap(), key)) {
            throw new IllegalStateException(provider + " unwrapped other bytes");
        }
    }

    /** A cipher per call, as the CMS recipient makes one per envelope. */
    @Benchmark
    public byte[] unwrap() throws Exception {
        Cipher dec = Cipher.getInstance("RSA/ECB/OAEPPadding", chosen);
        dec.init(Cipher.DECRYPT_MODE, keys.getPrivate(), OAEP);
        return dec.doFinal(wrapped);
    }
}

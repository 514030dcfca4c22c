package org.edibatch.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A signing key with its certificate chain, signer certificate first.
 * The chain need not be complete: intermediates are what a verifier is missing, the root it already has.
 */
public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

    public Credential {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the signer certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Loads the first key entry of a PKCS#12 file. */
    public static Credential fromPkcs12(Path p12, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, password);
        }
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                Certificate[] certs = ks.getCertificateChain(alias);
                List<X509Certificate> chain = Arrays.stream(certs).map(X509Certificate.class::cast).toList();
                return new Credential((PrivateKey) ks.getKey(alias, password), chain);
            }
        }
        throw new GeneralSecurityException("no private key entry in " + p12.getFileName());
    }
}

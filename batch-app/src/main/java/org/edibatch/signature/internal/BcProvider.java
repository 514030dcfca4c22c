package org.edibatch.signature.internal;

import java.security.Provider;
import java.security.PublicKey;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One BouncyCastle provider instance, used by reference instead of being registered globally,
 * so that the rest of the application keeps the JDK's provider order.
 */
public final class BcProvider {

    public static final Provider INSTANCE = new BouncyCastleProvider();

    private BcProvider() {
    }

    /**
     * BC's ECDSA is several times faster than SunEC, while the JDK's RSA beats BC's;
     * null means "use the JDK default providers".
     */
    public static Provider forKey(PublicKey key) {
        return isEc(key.getAlgorithm()) ? INSTANCE : null;
    }

    public static boolean isEc(String keyAlgorithm) {
        return "EC".equalsIgnoreCase(keyAlgorithm) || "ECDSA".equalsIgnoreCase(keyAlgorithm);
    }
}

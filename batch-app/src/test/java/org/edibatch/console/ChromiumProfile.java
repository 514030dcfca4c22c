package org.edibatch.console;

import org.edibatch.signature.DemoPki;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;

/**
 * A Chromium profile that presents a client certificate without asking: the certificate and key in the NSS
 * database Chromium reads on Linux ({@code $HOME/.pki/nssdb}, written through the JDK's PKCS#11 provider on the
 * system's NSS, so no certutil is needed), and the content setting behind Chrome's AutoSelectCertificateForUrls
 * policy in the profile's preferences, so a headless browser picks it for the console's address.
 */
final class ChromiumProfile {

    static final Path NSS_LIBRARIES = Path.of("/usr/lib/x86_64-linux-gnu");

    private ChromiumProfile() {
    }

    static boolean nssAvailable() {
        return Files.exists(NSS_LIBRARIES.resolve("libsoftokn3.so")) && Files.exists(NSS_LIBRARIES.resolve("libnss3.so"));
    }

    /** Writes {@code home/.pki/nssdb} with the PKCS#12's key and chain, and {@code profile/Default/Preferences}. */
    static void create(Path home, Path profile, Path p12, int port) throws Exception {
        Path db = home.resolve(".pki/nssdb");
        Files.createDirectories(db);
        String config = "--name=nss-" + Math.abs(db.hashCode()) + "\nnssLibraryDirectory=" + NSS_LIBRARIES
                + "\nnssSecmodDirectory=\"sql:" + db + "\"\nnssDbMode=readWrite\nnssModule=keystore\n";
        Provider nss = Security.getProvider("SunPKCS11").configure(config);
        KeyStore store = KeyStore.getInstance("PKCS11", nss);
        store.load(null, new char[0]);
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            source.load(in, DemoPki.PASSWORD.toCharArray());
        }
        String alias = source.aliases().nextElement();
        store.setKeyEntry(alias, source.getKey(alias, DemoPki.PASSWORD.toCharArray()), new char[0],
                source.getCertificateChain(alias));
        Files.createDirectories(profile.resolve("Default"));
        Files.writeString(profile.resolve("Default/Preferences"), "{\"profile\":{\"content_settings\":{\"exceptions\":"
                + "{\"auto_select_certificate\":{\"https://127.0.0.1:" + port + ",*\":{\"setting\":{\"filters\":[{}]}}}}}}}",
                StandardCharsets.UTF_8);
    }
}

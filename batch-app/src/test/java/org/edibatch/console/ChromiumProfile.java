package org.edibatch.console;

import org.edibatch.signature.DemoPki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Chromium profile that presents a client certificate without asking: the key and chain in the NSS database
 * Chromium reads on Linux ({@code $HOME/.pki/nssdb}, written with NSS's own certutil and pk12util, Debian's
 * libnss3-tools), the officers' root trusted there for the server's certificate, and the content setting behind
 * Chrome's AutoSelectCertificateForUrls policy in the profile's preferences, so the browser picks the certificate
 * for the console's address.
 */
final class ChromiumProfile {

    static final Path CERTUTIL = Path.of("/usr/bin/certutil");
    static final Path PK12UTIL = Path.of("/usr/bin/pk12util");

    private ChromiumProfile() {
    }

    static boolean toolsAvailable() {
        return Files.isExecutable(CERTUTIL) && Files.isExecutable(PK12UTIL);
    }

    /** Writes {@code home/.pki/nssdb} and {@code profile/Default/Preferences}. */
    static void create(Path home, Path profile, Path p12, Path serverRoot, int port) throws Exception {
        Path db = home.resolve(".pki/nssdb");
        Files.createDirectories(db);
        String dir = "sql:" + db;
        run(CERTUTIL.toString(), "-N", "-d", dir, "--empty-password");
        run(CERTUTIL.toString(), "-A", "-d", dir, "-n", "officers-root", "-t", "C,,", "-i", serverRoot.toString());
        run(PK12UTIL.toString(), "-i", p12.toString(), "-d", dir, "-W", DemoPki.PASSWORD, "-K", "");
        Files.createDirectories(profile.resolve("Default"));
        Files.writeString(profile.resolve("Default/Preferences"), "{\"profile\":{\"content_settings\":{\"exceptions\":"
                + "{\"auto_select_certificate\":{\"https://127.0.0.1:" + port + ",*\":{\"setting\":{\"filters\":[{}]}}}}}}}",
                StandardCharsets.UTF_8);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}

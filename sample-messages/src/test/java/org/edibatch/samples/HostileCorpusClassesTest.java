package org.edibatch.samples;

import org.edibatch.samples.HostileCorpus.HostileFile;
import org.edibatch.samples.HostileCorpus.Kind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus's classes of service-level refusals are what their names say, and adding classes did not change the
 * files of the earlier ones for a seed (their behaviour in batch-app is HostileInputTest's).
 */
class HostileCorpusClassesTest {

    private static final long SEED = 20261204L;
    private static final Set<Kind> SERVICE_LEVEL = EnumSet.of(Kind.UNSUPPORTED_SYNTAX, Kind.UNSUPPORTED_MESSAGE_TYPE,
            Kind.UNKNOWN_SENDER);
    private static final Pattern UNB = Pattern.compile("^UNB\\+([A-Z]{4}):(\\d)\\+([A-Z0-9]+)\\+KCS\\+");
    private static final Pattern UNH = Pattern.compile("UNH\\+\\d+\\+([A-Z]{6}:[A-Z]:\\w{3}:[A-Z]{2})'");

    /** The digest of the small classes' files for the seed, made before the service-level classes were added. */
    private static final String EARLIER_CLASSES = "1a1af632e2b559cb30b26e2dc9a32b6439fbe0bbd5fbc6088ac974db37d2178a";

    @Test
    void theEarlierClassesGiveTheSameFilesForASeed() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Kind k : Kind.values()) {
            if (!k.large() && !SERVICE_LEVEL.contains(k)) {
                HostileFile f = HostileCorpus.of(k, SEED);
                md.update(f.name().getBytes(StandardCharsets.UTF_8));
                md.update(f.bytes());
            }
        }
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(EARLIER_CLASSES);
    }

    @Test
    void anUnsupportedSyntaxNamesAVersionOrIdentifierOutsideThreeAndFour() {
        Set<String> seen = new java.util.HashSet<>();
        for (long seed = 1; seed <= 30; seed++) {
            Matcher m = unb(HostileCorpus.of(Kind.UNSUPPORTED_SYNTAX, seed));
            String syntax = m.group(1) + ":" + m.group(2);
            assertThat(m.group(1).startsWith("UNO") && (m.group(2).equals("3") || m.group(2).equals("4")))
                    .as(syntax).isFalse();
            seen.add(syntax);
        }
        assertThat(seen).as("the seed varies it").hasSizeGreaterThan(2).contains("IATA:1");
    }

    @Test
    void anUnsupportedMessageTypeIsOneMessageOfThree() {
        for (long seed = 1; seed <= 20; seed++) {
            HostileFile f = HostileCorpus.of(Kind.UNSUPPORTED_MESSAGE_TYPE, seed);
            Matcher m = UNH.matcher(new String(f.bytes(), StandardCharsets.ISO_8859_1));
            int cusdec = 0;
            int other = 0;
            while (m.find()) {
                if (m.group(1).equals("CUSDEC:D:96B:UN")) {
                    cusdec++;
                } else {
                    other++;
                }
            }
            assertThat(cusdec).isEqualTo(2);
            assertThat(other).isEqualTo(1);
            assertThat(f.sender()).isEqualTo(f.signer()).isEqualTo("HANBITTRD");
        }
    }

    @Test
    void anUnknownSenderIsNamedInTheUnbAndSignedByARegisteredParty() {
        HostileFile f = HostileCorpus.of(Kind.UNKNOWN_SENDER, SEED);
        assertThat(unb(f).group(3)).isEqualTo(f.sender()).startsWith("NOBODY");
        assertThat(f.signer()).isEqualTo("HANBITTRD");
        assertThat(HostileCorpus.of(Kind.UNKNOWN_SENDER, SEED).bytes()).as("seeded").isEqualTo(f.bytes());
        assertThat(HostileCorpus.of(Kind.UNKNOWN_SENDER, SEED + 1).sender()).isNotEqualTo(f.sender());
    }

    private static Matcher unb(HostileFile f) {
        Matcher m = UNB.matcher(new String(f.bytes(), StandardCharsets.ISO_8859_1));
        assertThat(m.find()).as(f.name()).isTrue();
        return m;
    }
}

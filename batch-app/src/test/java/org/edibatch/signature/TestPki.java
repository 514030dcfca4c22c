package org.edibatch.signature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.edibatch.signature.DemoPki.KeyType;
import org.edibatch.signature.DemoPki.Party;

/** The demo PKI every test class builds once; a fixed "now" keeps dates reproducible. */
final class TestPki {

    static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");

    static final String RSA = "rsa-party";
    static final String RSA_BRN = "1208147521";
    static final String EC = "ec-party";
    static final String EC_BRN = "2148800001";
    static final String EC_384 = "ec384-party";
    static final String OTHER_RSA = "other-rsa-party";
    static final String WEAK_RSA = "weak-rsa-party";

    private TestPki() {
    }

    static DemoPki create(Path dir) throws Exception {
        return DemoPki.create(dir.resolve("pki"), NOW, List.of(
                new Party(RSA, RSA_BRN, KeyType.RSA),
                new Party(EC, EC_BRN, KeyType.EC),
                new Party(EC_384, "3128100007", KeyType.EC_P384),
                new Party(OTHER_RSA, "1018199999", KeyType.RSA),
                new Party(WEAK_RSA, "1018100000", KeyType.RSA_1024)));
    }

    /** A small EDIFACT interchange; content is irrelevant to the signature but realistic helps reading failures. */
    static Path edifact(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "UNB+UNOC:3+1208147521:ZZ+KCSUNIPASS:ZZ+250303:0900+" + name + "'"
                + "UNH+1+CUSDEC:D:96B:UN'BGM+929+DEC" + name.hashCode() + "+9'UNT+3+1'UNZ+1+" + name + "'");
        return file;
    }
}

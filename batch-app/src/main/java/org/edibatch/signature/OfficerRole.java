package org.edibatch.signature;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * What a customs officer's certificate allows in the console, carried as a certificate policy OID (the way GPKI
 * marks a certificate's purpose) rather than in a name, which any CA of the trust anchor could also issue. The
 * arc 2.25.337620666951960345193218987892644621242 is a UUID-derived OID (ITU-T X.667), so it clashes with no
 * registered one.
 */
public enum OfficerRole {

    /** Reads every page and records decisions. */
    OFFICER("2.25.337620666951960345193218987892644621242.1"),
    /** Reads every page, decides nothing. */
    AUDITOR("2.25.337620666951960345193218987892644621242.2");

    private final String oid;

    OfficerRole(String oid) {
        this.oid = oid;
    }

    public String oid() {
        return oid;
    }

    /**
     * The one role the certificate's policies name; empty when it names none, or both (a certificate that claims
     * to be both is a mistake of its issuer, and guessing either would be wrong).
     */
    public static Optional<OfficerRole> of(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.certificatePolicies.getId());
        if (ext == null) {
            return Optional.empty();
        }
        Set<OfficerRole> found = EnumSet.noneOf(OfficerRole.class);
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
            for (PolicyInformation p : CertificatePolicies.getInstance(value).getPolicyInformation()) {
                for (OfficerRole r : values()) {
                    if (r.oid.equals(p.getPolicyIdentifier().getId())) {
                        found.add(r);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }
}

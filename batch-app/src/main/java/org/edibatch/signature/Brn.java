package org.edibatch.signature;

import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Korean business registration number (사업자등록번호) as carried in NPKI-style certificates:
 * the subject's serialNumber attribute (OID 2.5.4.5) holds the ten digits.
 */
public final class Brn {

    private Brn() {
    }

    /** The BRN of the certificate subject, digits only, or null when absent or not ten digits. */
    public static String of(X509Certificate cert) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.SERIALNUMBER)) {
            if (rdn.getFirst().getValue() instanceof ASN1String s) {
                String brn = normalize(s.getString());
                if (brn != null) {
                    return brn;
                }
            }
        }
        return null;
    }

    /** Accepts the common printed form 123-45-67890 as well as bare digits; anything else is null. */
    public static String normalize(String value) {
        String digits = value.strip().replace("-", "");
        return digits.length() == 10 && digits.chars().allMatch(c -> c >= '0' && c <= '9') ? digits : null;
    }
}

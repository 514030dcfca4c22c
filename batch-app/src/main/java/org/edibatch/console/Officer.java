package org.edibatch.console;

import org.edibatch.signature.OfficerRole;

/**
 * Who is at the console, from the client certificate: what a decision records.
 *
 * @param subject the certificate's subject (RFC 2253)
 * @param serial  the certificate's serial number in hexadecimal
 */
public record Officer(String subject, String serial, OfficerRole role) {

    public boolean decides() {
        return role == OfficerRole.OFFICER;
    }
}

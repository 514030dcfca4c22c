package org.edibatch.procurement;

import org.edibatch.codes.CodeList;

/**
 * Coded reasons sent back to bidders (receipts, award notices) and listed in the exception file. The codes are
 * stable: bidders automate on them. Bid intake checks run in the order listed here, and the first failure is the
 * one reported; tender notices are checked T01 and T03 (reading), T30, T31, T33, T40, T32, T02, T04.
 */
public enum ProcurementCode implements CodeList {
    T01("The tender notice could not be read or does not follow the schema."),
    T02("A tender with this id was loaded before."),
    T03("The opening time precedes the bid deadline."),
    T04("No lower-limit rate applies to this kind of contract and amount."),
    T30("The tender notice is not signed."),
    T31("The tender notice's signature did not verify."),
    T33("The certificate that signed the tender notice is revoked, expired or not yet valid."),
    T40("The contracting agency of the tender notice is not registered."),
    T32("The tender notice was signed by someone other than its contracting agency."),
    B01("The bid could not be read or does not follow the implementation guide."),
    B30("The bid file is not signed."),
    B31("The bid's signature did not verify."),
    B40("The bidder is not a registered vendor."),
    B32("The bid was signed by someone other than the registered vendor."),
    B41("The vendor is barred from bidding."),
    B10("No tender with this id is open for bids."),
    B20("The bid was received after the bid deadline."),
    B60("Two different preliminary price numbers between 1 and 15 must be chosen."),
    B50("This vendor has already bid for this tender; the earlier bid stands."),
    O10("The sealed price could not be decrypted (wrong recipient, damaged or tampered envelope)."),
    O11("The signature inside the sealed price did not verify or is not the bidder's."),
    O12("The sealed price document is unreadable or names another tender or bidder."),
    O20("The bid price is below the lower limit (reserve price x lower-limit rate)."),
    O21("The bid price is above the reserve price."),
    Q01("The qualification score (non-price plus price points) is below the pass mark."),
    F10("The tender failed: fewer than two valid bids (received and opened); it is announced again."),
    F11("The tender failed: no bid lies between the lower limit and the reserve price; it is announced again."),
    F12("The tender failed: no candidate reached the pass mark of the qualification review; it is announced again.");

    private final String text;

    ProcurementCode(String text) {
        this.text = text;
    }

    /** The code is the constant's name (T01, B30, ...). */
    @Override
    public String code() {
        return name();
    }

    @Override
    public String text() {
        return text;
    }
}

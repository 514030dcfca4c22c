package org.edibatch.procurement;

/**
 * The result of a tender's opening, as award.result stores it (the constant's name): awarded, or failed (유찰)
 * with a reason code F10-F12 and a re-tender.
 */
public enum AwardResult {
    AWARDED, FAILED;

    public String code() {
        return name();
    }
}

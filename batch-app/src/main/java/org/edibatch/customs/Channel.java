package org.edibatch.customs;

import org.edibatch.codes.CodeList;

/** Cargo selectivity channel (UNI-PASS C/S). The code is what CUSRES GIS carries. */
public enum Channel implements CodeList {
    GREEN("G", "paperless release"),
    YELLOW("Y", "document review"),
    RED("R", "physical inspection");

    private final String code;
    private final String text;

    Channel(String code, String text) {
        this.code = code;
        this.text = text;
    }

    @Override
    public String code() {
        return code;
    }

    /** What the channel means for the goods, as CUSRES and the report say it. */
    @Override
    public String text() {
        return text;
    }
}

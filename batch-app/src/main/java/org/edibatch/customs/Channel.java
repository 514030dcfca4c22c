package org.edibatch.customs;

/** Cargo selectivity channel (UNI-PASS C/S). The code is what CUSRES GIS carries. */
public enum Channel {
    GREEN("G", "paperless release"),
    YELLOW("Y", "document review"),
    RED("R", "physical inspection");

    private final String code;
    private final String meaning;

    Channel(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}

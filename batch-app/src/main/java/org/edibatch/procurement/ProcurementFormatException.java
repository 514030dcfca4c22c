package org.edibatch.procurement;

/** A document that cannot be accepted as read, with the code to answer. */
public class ProcurementFormatException extends Exception {

    private final ProcurementCode code;

    public ProcurementFormatException(ProcurementCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ProcurementCode code() {
        return code;
    }
}

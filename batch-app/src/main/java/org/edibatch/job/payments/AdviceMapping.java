package org.edibatch.job.payments;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.payment.Advice;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The readers of the banks' formats: a CREMUL message to its advice, a camt.054 document to its advices. */
public interface AdviceMapping {

    /** The advice of a CREMUL message that passed its syntax check. */
    Advice cremul(EdifactMessage message);

    /** The advices of a camt.054 document, in document order. */
    List<Advice> camt054(InputStream document) throws IOException;
}

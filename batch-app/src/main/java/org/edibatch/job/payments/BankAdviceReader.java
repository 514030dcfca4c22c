package org.edibatch.job.payments;

import org.edibatch.config.CrashPoints;
import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.edifact.SyntaxErrorCode;
import org.edibatch.payment.Advice;
import org.edibatch.payment.Camt054Reader;
import org.edibatch.payment.CremulMapper;
import org.edibatch.payment.PaymentRepository;
import org.edibatch.xml.XmlLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the advices of the banks' files this run claimed, file by file in id order, one thread: payments are
 * matched in the order the banks' files were received, so a night has one outcome however it was interrupted. Its
 * position (file number, advices handed out) is saved in the step's ExecutionContext at each commit, as the customs
 * reader's is.
 */
final class BankAdviceReader implements ItemStreamReader<AdviceItem>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(BankAdviceReader.class);
    private static final String FILE_KEY = "payments.file";
    private static final String ADVICE_KEY = "payments.advice";

    private final PaymentRepository repository;
    private final CremulMapper cremul = new CremulMapper();
    private long runId;

    private List<PaymentRepository.BankFile> files;
    private int fileIndex;
    private int read;
    private InputStream in;
    private InterchangeReader edifact;
    private Camt054Reader camt;
    private boolean unreadable;

    BankAdviceReader(PaymentRepository repository) {
        this.repository = repository;
    }

    /** Before {@link #open}: the run whose files are read. */
    @Override
    public void beforeStep(StepExecution step) {
        runId = step.getJobExecution().getJobInstance().getInstanceId();
    }

    @Override
    public void open(ExecutionContext ctx) {
        CrashPoints.reach("payments.open");
        files = repository.bankFiles(runId);
        fileIndex = ctx.getInt(FILE_KEY, 0);
        int skip = ctx.getInt(ADVICE_KEY, 0);
        read = 0;
        if (fileIndex < files.size()) {
            openCurrent();
            for (int i = 0; i < skip; i++) {
                next();
            }
            read = skip;
        }
    }

    @Override
    public AdviceItem read() {
        while (fileIndex < files.size()) {
            if (in == null) {
                openCurrent();
            }
            AdviceItem item = next();
            if (item != null) {
                read++;
                return item;
            }
            closeCurrent();
            fileIndex++;
            read = 0;
        }
        return null;
    }

    private AdviceItem next() {
        PaymentRepository.BankFile f = files.get(fileIndex);
        if (camt != null) {
            Advice a = camt.next();
            if (a == null) {
                if (camt.refused()) {
                    // the claim scanned the whole document: a refusal now means it changed since
                    throw new ItemStreamException("claimed camt.054 file changed after its scan: " + f.workPath());
                }
                return null;
            }
            return new AdviceItem(f.id(), f.name(), f.sender(), read, Integer.toString(read + 1), "CAMT054", false,
                    List.of(), a);
        }
        EdifactMessage m = message();
        if (m == null) {
            return null;
        }
        String type = m.typeIdentifier();
        if (!m.errors().isEmpty() || !"CREMUL".equals(m.type())) {
            // a refused message, or a CONTRL from the bank (answered by nothing, recorded as received)
            return new AdviceItem(f.id(), f.name(), f.sender(), m.index(), m.reference(), type, true, m.errors(), null);
        }
        try {
            return new AdviceItem(f.id(), f.name(), f.sender(), m.index(), m.reference(), type, true, List.of(),
                    cremul.map(m));
        } catch (RuntimeException e) {
            // One message's surprise is that message's refusal (0085 code 18), as in the customs step.
            log.warn("message {} of bank file {} refused: reading its advice failed", m.index(), f.id(), e);
            return new AdviceItem(f.id(), f.name(), f.sender(), m.index(), m.reference(), type, true,
                    List.of(new SyntaxError(SyntaxErrorCode.UNSPECIFIED.code(), 1, "UNH", 0, 0,
                            "the credit advice could not be read (" + e.getClass().getSimpleName()
                                    + "); it is refused")), null);
        }
    }

    private EdifactMessage message() {
        if (unreadable) {
            return null;
        }
        try {
            return edifact.next();
        } catch (EdifactFormatException e) {
            if (e.getCause() instanceof IOException) {
                throw new ItemStreamException("cannot read claimed file " + files.get(fileIndex).workPath(), e);
            }
            unreadable = true;
            return edifact.unreadable(e);
        }
    }

    private void openCurrent() {
        PaymentRepository.BankFile f = files.get(fileIndex);
        try {
            in = new BufferedInputStream(Files.newInputStream(Path.of(f.workPath())), 1 << 16);
            if ("CAMT054".equals(f.format())) {
                camt = Camt054Reader.open(in, XmlLimits.defaults());
            } else {
                edifact = InterchangeReader.fromBank(in, true);
            }
        } catch (IOException | EdifactFormatException e) {
            throw new ItemStreamException("cannot open claimed file " + f.workPath(), e);
        }
    }

    private void closeCurrent() {
        try {
            if (edifact != null) {
                edifact.close();
            }
            if (camt != null) {
                camt.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            throw new ItemStreamException(e);
        } finally {
            edifact = null;
            camt = null;
            in = null;
            unreadable = false;
        }
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(FILE_KEY, fileIndex);
        ctx.putInt(ADVICE_KEY, read);
    }

    @Override
    public void close() {
        closeCurrent();
    }
}

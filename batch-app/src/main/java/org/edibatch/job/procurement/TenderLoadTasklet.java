package org.edibatch.job.procurement;

import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.exceptions.ExceptionItemRepository;
import org.edibatch.intake.FileState;
import org.edibatch.intake.InboundFileRepository;
import org.edibatch.intake.ClaimRefusals;
import org.edibatch.intake.InboundFiles;
import org.edibatch.intake.UnreadableFileException;
import org.edibatch.intake.WorkFolder;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.intake.FileDigest;
import org.edibatch.procurement.LowerLimitRates;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.TenderNotice;
import org.edibatch.procurement.TenderRepository;
import org.edibatch.refdata.ReferenceDataLoader;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Loads tender notices: schema, unique id, lower-limit rate from the dated table (by the notice's issue date,
 * kind and base amount), and the draw seed. The seed comes from the notice when the agency fixed it, otherwise
 * 128 bits from SecureRandom; either way it is recorded with the tender and published only with the result.
 * Tender files come from the agency's own back office and are not signature-checked.
 */
public class TenderLoadTasklet implements Tasklet {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EdiBatchProperties props;
    private final ProcurementProperties procurement;
    private final JdbcTemplate jdbc;
    private final TenderRepository tenders;
    private final InboundFileRepository files;
    private final ExceptionItemRepository exceptions;
    private final ReferenceDataLoader loader;
    private final Clock clock;

    public TenderLoadTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc,
                             ReferenceDataLoader loader, Clock clock) {
        this.props = props;
        this.procurement = procurement;
        this.jdbc = jdbc;
        this.tenders = new TenderRepository(jdbc);
        this.files = new InboundFileRepository(jdbc);
        this.exceptions = new ExceptionItemRepository(jdbc);
        this.loader = loader;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        loader.loadAll();
        LowerLimitRates rates = tenders.lowerLimitRates();
        Path work = props.work().resolve("run-" + runId).resolve("tenders");
        for (WorkFolder.Unit unit : new InboundFiles(jdbc, clock).claim(procurement.tendersInbox(props.home()),
                new WorkFolder(work), runId, props.intake())) {
            ClaimRefusals.Refusal refusal = ClaimRefusals.notAFile(unit);
            if (refusal == null) {
                try {
                    unit.secure(null);
                } catch (UnreadableFileException e) {
                    refusal = new ClaimRefusals.Refusal(ClaimRefusals.UNREADABLE, "the file could not be read: "
                            + e.getMessage());
                }
            }
            if (refusal != null) {
                long fileId = files.register(runId, new InboundFileRepository.Registration(unit.name(), unit.current(),
                        unit.currentSignature(), null, "UNKNOWN", null, FileState.REJECTED, refusal.code(),
                        refusal.text(), "NONE", null, clock.instant()));
                exceptions.insertOnce(runId, fileId, ExceptionItemRepository.WHOLE_FILE, ExceptionCategory.TENDER,
                        null, unit.name(), refusal.code(), refusal.text());
            } else {
                load(runId, unit.data(), unit.name(), rates);
            }
            contribution.incrementReadCount();
        }
        return RepeatStatus.FINISHED;
    }

    private void load(long runId, Path file, String name, LowerLimitRates rates) throws Exception {
        String sha = FileDigest.sha256(file);
        TenderNotice t = null;
        ProcurementCode refusal = null;
        String detail = null;
        BigDecimal rate = null;
        try {
            t = TenderNotice.parse(Files.readAllBytes(file));
            if (tenders.exists(t.tenderId())) {
                throw new ProcurementFormatException(ProcurementCode.T02, t.tenderId());
            }
            rate = rates.rate(t.contractKind(), t.baseAmount(), t.issueDate()).orElseThrow(() ->
                    new ProcurementFormatException(ProcurementCode.T04, "no rate for " + name));
        } catch (ProcurementFormatException e) {
            refusal = e.code();
            detail = e.getMessage();
        }
        String agency = t == null ? null : t.agencyId();
        long fileId = files.register(runId, new InboundFileRepository.Registration(name, file, null, sha, "XML",
                agency, refusal == null ? FileState.CLAIMED : FileState.REJECTED, refusal == null ? null : refusal.name(),
                refusal == null ? null : refusal.text() + " " + detail, "NONE", null, clock.instant()));
        if (refusal != null) {
            exceptions.insertOnce(runId, fileId, ExceptionItemRepository.WHOLE_FILE, ExceptionCategory.TENDER, agency,
                    name, refusal.name(), refusal.text() + " " + detail);
            return;
        }
        String seed = t.drawSeed() != null ? t.drawSeed() : HexFormat.of().formatHex(RANDOM.generateSeed(16));
        tenders.insert(new TenderRepository.NewTender(t.tenderId(), runId, name, sha, t.agencyId(), t.title(),
                t.contractKind(), t.issueDate(), t.baseAmount(), t.rangePct(), t.bidDeadline(), t.openingTime(), rate,
                seed, clock.instant()));
    }
}

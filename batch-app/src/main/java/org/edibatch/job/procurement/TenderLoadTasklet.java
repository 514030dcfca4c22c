package org.edibatch.job.procurement;

import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.exceptions.ExceptionItemRepository;
import org.edibatch.intake.FileState;
import org.edibatch.intake.InboundFileRepository;
import org.edibatch.intake.ClaimRefusals;
import org.edibatch.intake.InboundFiles;
import org.edibatch.intake.WorkFolder;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.intake.FileDigest;
import org.edibatch.intake.FileSignatureCheck;
import org.edibatch.procurement.AgencyRepository;
import org.edibatch.procurement.LowerLimitRates;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.TenderNotice;
import org.edibatch.procurement.TenderNotices;
import org.edibatch.procurement.TenderRepository;
import org.edibatch.refdata.ReferenceDataLoader;
import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.VerificationOutcome;
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
import java.time.Instant;
import java.util.HexFormat;

/**
 * Loads tender notices: schema, unique id, lower-limit rate from the dated table (by the notice's issue date,
 * kind and base amount), and the draw seed. The seed comes from the notice when the agency fixed it, otherwise
 * 128 bits from SecureRandom; either way it is recorded with the tender and published only with the result.
 * Each notice must come with a detached NAME.p7s by its own agency (certificate carrying the agency's registered
 * number): the T30-T40 codes otherwise (TenderNotices.judge), the notice quarantined like any refused file.
 */
public class TenderLoadTasklet implements Tasklet {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EdiBatchProperties props;
    private final ProcurementProperties procurement;
    private final JdbcTemplate jdbc;
    private final TenderRepository tenders;
    private final InboundFileRepository files;
    private final ExceptionItemRepository exceptions;
    private final AgencyRepository agencies;
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
        this.agencies = new AgencyRepository(jdbc);
        this.loader = loader;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        loader.loadAll();
        LowerLimitRates rates = tenders.lowerLimitRates();
        Path work = props.work().resolve("run-" + runId).resolve("tenders");
        var fresh = new InboundFiles(jdbc, clock).claim(procurement.tendersInbox(props.home()), new WorkFolder(work),
                runId, props.intake());
        if (fresh.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        // notices must be signed by their agency whatever edibatch.signature.required says, as bids must
        FileSignatureCheck signatures = new FileSignatureCheck(FileSignatureCheck.trustStore(props.trust(), true));
        for (WorkFolder.Unit unit : fresh) {
            Instant receivedAt = clock.instant();
            ClaimRefusals.Screened screened = ClaimRefusals.screen(unit, signatures, props.intake(), receivedAt);
            ClaimRefusals.Refusal refusal = screened.refusal();
            FileSignatureCheck.Result sig = screened.signature();
            if (refusal != null) {
                long fileId = files.register(runId, new InboundFileRepository.Registration(unit.name(), unit.current(),
                        unit.currentSignature(), null, "UNKNOWN", null, FileState.REJECTED, refusal.code(),
                        refusal.text(), "NONE", null, receivedAt));
                exceptions.insertOnce(runId, fileId, ExceptionItemRepository.WHOLE_FILE, ExceptionCategory.TENDER,
                        null, unit.name(), refusal.code(), refusal.text());
            } else {
                load(runId, sig, unit.name(), rates, receivedAt);
            }
            contribution.incrementReadCount();
        }
        return RepeatStatus.FINISHED;
    }

    private void load(long runId, FileSignatureCheck.Result sig, String name, LowerLimitRates rates, Instant receivedAt)
            throws Exception {
        Path file = sig.content();
        String sha = FileDigest.sha256(file);
        TenderNotice t = null;
        ProcurementCode refusal = null;
        String detail = null;
        BigDecimal rate = null;
        VerificationOutcome outcome = sig.outcome();
        try {
            t = TenderNotice.parse(Files.readAllBytes(file));
            String brn = agencies.brn(t.agencyId()).orElse(null);
            TenderNotices.Refusal signed = TenderNotices.judge(outcome, t.agencyId(), brn);
            if (outcome != null && outcome.isPassed()) {
                outcome = SignerBinding.check(outcome, brn);
            }
            if (signed != null) {
                throw new ProcurementFormatException(signed.code(), signed.detail() == null ? "(no " + name + ".p7s)" : signed.detail());
            }
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
        long fileId = files.register(runId, new InboundFileRepository.Registration(name, file, sig.signature(), sha,
                "XML", agency, refusal == null ? FileState.CLAIMED : FileState.REJECTED,
                refusal == null ? null : refusal.name(), refusal == null ? null : refusal.text() + " " + detail,
                sig.form(), outcome, receivedAt));
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

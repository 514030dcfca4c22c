package org.edibatch.job.customs;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.ack.CusresBuilder;
import org.edibatch.answer.AnswerFile;
import org.edibatch.answer.AnswerRepository;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.console.DecisionKind;
import org.edibatch.console.DecisionRepository;
import org.edibatch.customs.Amendments;
import org.edibatch.customs.Channel;
import org.edibatch.customs.CustomsErrorCode;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.customs.DeclarationRepository;
import org.edibatch.customs.ReferenceData;
import org.edibatch.decision.AppliedDecisionRepository;
import org.edibatch.decision.DecisionRules;
import org.edibatch.decision.StoredMessages;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.ledger.CustomsPostings;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.edibatch.refdata.ReferenceSnapshot;
import org.edibatch.xml.XmlAnswerWriter;
import org.edibatch.xml.XmlError;
import org.edibatch.xml.XmlResponse;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code decisions} step: applies the officers' decisions recorded in the console since the last run, then
 * answers them. Two transactions, so that no answer is written for a decision whose application a crash rolled
 * back: first every decision in force that was not applied becomes its version (a reassessment as a replacement,
 * a refusal as a cancellation, by {@link DecisionRules}), its postings and its {@code officer_decision_applied} row;
 * then each applied reassessment or refusal without a recorded answer gets its CUSRES (its XML response for a
 * declaration sent in XML), built from what was committed, under a name derived from the decision, so a rewrite
 * after a crash writes the same bytes.
 */
public class DecisionTasklet implements Tasklet {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DecisionTasklet.class);
    private static final String APPLIED = "decisions.applied";

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;
    private final JdbcLedger ledger;
    private final Clock clock;
    private final DecisionRepository decisions;
    private final AppliedDecisionRepository applied;
    private final DeclarationRepository declarations;
    private final AnswerRepository answers;
    private final AnswerFiles names;

    public DecisionTasklet(EdiBatchProperties props, JdbcTemplate jdbc, JdbcLedger ledger, Clock clock) {
        this.props = props;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.decisions = new DecisionRepository(new NamedParameterJdbcTemplate(jdbc));
        this.applied = new AppliedDecisionRepository(jdbc);
        this.declarations = new DeclarationRepository(jdbc);
        this.answers = new AnswerRepository(jdbc);
        this.names = new AnswerFiles(props, clock);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        var step = chunkContext.getStepContext().getStepExecution();
        long runId = step.getJobExecution().getJobInstance().getInstanceId();
        ExecutionContext context = step.getExecutionContext();
        if (!context.containsKey(APPLIED)) {
            contribution.incrementReadCount();
            apply(runId, contribution);
            context.putString(APPLIED, "yes");
            CrashPoints.reach("decisions.applied");
            return RepeatStatus.CONTINUABLE;
        }
        answer(contribution);
        CrashPoints.reach("decisions.answered");
        return RepeatStatus.FINISHED;
    }

    /** Applies every decision in force not applied yet, in one transaction (this call's). */
    void apply(long runId, StepContribution contribution) {
        List<DecisionRepository.Decision> todo = decisions.decisionsToApply();
        if (todo.isEmpty()) {
            return;
        }
        ReferenceSnapshot reference = ReferenceSnapshot.read(jdbc);
        DecisionRules rules = new DecisionRules(new Amendments(CustomsJobConfig.rules(props, reference)));
        Set<DeclarationRepository.NumberKey> keys = new LinkedHashSet<>();
        for (DecisionRepository.Decision d : todo) {
            keys.add(new DeclarationRepository.NumberKey(d.sender(), d.declarationNo()));
        }
        Map<DeclarationRepository.NumberKey, Amendments.State> states = declarations.states(keys);
        StoredMessages stored = new StoredMessages();
        AppliedDecisionRepository.Applied done = applied.applied();
        List<JournalEntry> entries = new ArrayList<>();
        for (DecisionRepository.Decision d : todo) {
            Amendments.State state = states.get(new DeclarationRepository.NumberKey(d.sender(), d.declarationNo()));
            DecisionRules.Result result;
            if (d.kind() == DecisionKind.RELEASE) {
                result = rules.apply(d.kind(), null, null, state, false);
            } else if (d.kind() == DecisionKind.REFUSE) {
                AppliedDecisionRepository.Header header = applied.header(d.fileId(), d.msgIndex());
                result = rules.apply(d.kind(), null, header.declaration(), state, header.export());
            } else {
                // the corrections apply to the declaration as its sender last sent it: that message's items
                StoredMessages.Location last = applied.lastSenderMessage(d.sender(), d.declarationNo()).orElse(null);
                if (last == null || state == null) {
                    done.add(d.id(), runId, clock.instant(), null, "the declaration was never accepted");
                    continue;
                }
                StoredMessages.Read seen;
                try {
                    seen = stored.read(last);
                } catch (StoredMessages.Unreadable e) {
                    // not the sender's doing and not the officer's: left for the next run, said in the log
                    log.warn("decision {} on {}/{} not applied: {}", d.id(), d.sender(), d.declarationNo(),
                            e.getMessage());
                    contribution.incrementFilterCount(1);
                    continue;
                }
                result = rules.apply(d.kind(), new DecisionRules.Corrections(d.hsCode(), d.customsValue(),
                        d.quantity()), seen.declaration(), state, seen.export());
            }
            DeclarationOutcome version = result.version();
            if (version != null) {
                entries.addAll(post(d, version, reference, runId));
            } else if (!result.applied()) {
                log.warn("decision {} on {}/{} cannot be applied: {}", d.id(), d.sender(), d.declarationNo(),
                        result.notApplicable());
            }
            done.add(d.id(), runId, clock.instant(),
                    version == null ? null : version.amendment().version(), result.notApplicable());
            contribution.incrementWriteCount(1);
        }
        done.write();
        ledger.postAll(entries, runId);
    }

    /** The version's entries (as a replacement's or cancellation's), and its row naming the decision. */
    private List<JournalEntry> post(DecisionRepository.Decision d, DeclarationOutcome version,
                                    ReferenceData reference, long runId) {
        boolean refusal = d.kind() == DecisionKind.REFUSE;
        List<JournalEntry> posted = CustomsPostings.forAmendment(version,
                party(reference, version.declaration().importerCode()),
                party(reference, version.amendment().previous().importerCode()));
        List<JournalEntry> entries = new ArrayList<>(posted.size());
        String entryKey = null;
        String reversalKey = null;
        for (JournalEntry e : posted) {
            if (e.idempotencyKey().endsWith(":reversal")) {
                reversalKey = e.idempotencyKey();
                // the entry says who withdrew the declaration: an officer, not its sender
                entries.add(new JournalEntry(e.idempotencyKey(), e.ledger(), e.entryDate(), (refusal
                        ? "Refusal by an officer of declaration " : "Reassessment by an officer of declaration ")
                        + version.declaration().declarationNo() + ": reversal of version "
                        + version.amendment().previous().version() + " acceptance "
                        + version.amendment().previous().acceptanceNo(), e.sourceRef(), e.lines()));
            } else {
                entryKey = e.idempotencyKey();
                entries.add(e);
            }
        }
        applied.recordVersion(d.id(), runId, version, entryKey, reversalKey, refusal);
        return entries;
    }

    private static String party(ReferenceData reference, String importerCode) {
        return reference.partyByCustomsCode(importerCode).map(ReferenceData.Party::partyId).orElse(null);
    }

    /**
     * Writes the answer of every applied reassessment or refusal without a recorded answer, and records them: a
     * CUSRES, or for a declaration sent in XML (unless its sender's profile asks for EDIFACT answers) the XML
     * response with the same facts.
     */
    void answer(StepContribution contribution) throws IOException {
        List<AnswerFile> written = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (AppliedDecisionRepository.ToAnswer a : applied.toAnswer()) {
            String kind;
            Path target;
            String sha;
            if (a.xml()) {
                kind = AppliedDecisionRepository.xmlAnswerKind(a.decisionId());
                target = names.decisionTarget(a.sender(), a.decisionId(), a.fileId(), ".xml");
                XmlAnswerWriter.Header header = new XmlAnswerWriter.Header(props.ourEdiId(), a.sender(),
                        AnswerFiles.controlRef(a.fileSha() == null ? "" : a.fileSha(), kind),
                        OffsetDateTime.now(clock), a.batchRef(), 2);
                XmlResponse response = xmlResponse(a);
                XmlAnswerWriter.OfficerDecision decision = new XmlAnswerWriter.OfficerDecision(a.decisionId(),
                        "REFUSED".equals(a.status()) ? "REFUSE" : "REASSESS");
                sha = AtomicFiles.write(target, out -> XmlAnswerWriter.decision(out, header, response, decision));
            } else {
                kind = AppliedDecisionRepository.answerKind(a.decisionId());
                target = names.decisionTarget(a.sender(), a.decisionId(), a.fileId(), ".edi");
                CusresBuilder.Answer cusres = cusres(a);
                String k = kind;
                sha = AtomicFiles.write(target, (OutputStream out) -> {
                    EdifactWriter w = new EdifactWriter(out);
                    names.startInterchange(w, a.answerSyntax(), a.sender(), a.fileSha() == null ? "" : a.fileSha(),
                            k);
                    CusresBuilder.write(w, "1", today, cusres);
                    w.endInterchange();
                });
            }
            written.add(new AnswerFile(a.fileId(), kind, a.sender(), target.toString(), sha));
            contribution.incrementWriteCount(1);
            CrashPoints.reach("decisions.answer-written");
        }
        AnswerFiles.record(answers, written);
    }

    /**
     * The XML twin of {@link #cusres}: a reassessment as an approved replacement (FunctionCode 5, the new amounts,
     * the version replaced, the difference), a refusal as a rejection with C180; the sequence is the declaration's
     * position in its batch.
     */
    static XmlResponse xmlResponse(AppliedDecisionRepository.ToAnswer a) {
        LocalDate date = a.declarationDate() == null ? null : a.declarationDate().toLocalDate();
        String kind = a.declarationKind() == null ? "IMPORT" : a.declarationKind();
        int seq = a.msgIndex() + 1;
        if ("REFUSED".equals(a.status())) {
            CustomsErrorCode c = CustomsErrorCode.REFUSED_BY_OFFICER;
            return XmlResponse.rejected(seq, kind, a.declarationNo(), date, List.of(new XmlError(c.code(), null, 0, 0,
                    c.text() + ": acceptance " + a.previousAcceptanceNo() + " withdrawn, its assessment reversed")));
        }
        Channel channel = a.channel() == null ? Channel.GREEN : Channel.valueOf(a.channel());
        return new XmlResponse(seq, kind, a.declarationNo(), date, new XmlResponse.Acceptance(a.acceptanceNo(), null,
                null, a.customsValue(), a.duty(), a.vat(), null, channel.code(),
                "reassessed by a customs officer, " + channel.text(), null, List.of()), List.of(),
                new XmlResponse.Amendment(org.edibatch.customs.MessageFunction.REPLACEMENT.code(), false,
                        a.previousAcceptanceNo(), a.previousCustomsValue(), a.previousDuty().add(a.previousVat())));
    }

    /** BGM 1225 code 30 (accepted, with amendment in detail section): the officer's reassessment. */
    static final String REASSESSED = "30";

    /**
     * A reassessment is answered as an accepted replacement is (new amounts, the version replaced, the difference);
     * a refusal as a rejection, with code C180.
     */
    static CusresBuilder.Answer cusres(AppliedDecisionRepository.ToAnswer a) {
        LocalDate date = a.declarationDate() == null ? null : a.declarationDate().toLocalDate();
        if ("REFUSED".equals(a.status())) {
            CustomsErrorCode c = CustomsErrorCode.REFUSED_BY_OFFICER;
            return new CusresBuilder.Answer(a.declarationNo(), date, false, null, null, null, null, null, null, null,
                    List.of(new CusresBuilder.Error(c.code(), "BGM", c.text() + ": acceptance "
                            + a.previousAcceptanceNo() + " withdrawn, its assessment reversed")));
        }
        Channel channel = a.channel() == null ? Channel.GREEN : Channel.valueOf(a.channel());
        return new CusresBuilder.Answer(a.declarationNo(), date, true, a.acceptanceNo(), a.customsValue(), null,
                a.duty(), a.vat(), channel.code(), "reassessed by a customs officer, " + channel.text(), List.of(),
                new CusresBuilder.Amendment(REASSESSED, false, a.previousAcceptanceNo(), a.previousCustomsValue(),
                        a.previousDuty().add(a.previousVat())));
    }
}

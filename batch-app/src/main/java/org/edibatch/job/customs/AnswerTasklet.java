package org.edibatch.job.customs;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.ack.AtomicFiles;
import org.edibatch.ack.ContrlBuilder;
import org.edibatch.ack.CusresBuilder;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.customs.Channel;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.job.customs.AnswerFiles.Written;
import org.edibatch.signature.SubReason;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Set;

/**
 * Writes the answers the customs step did not write as soon as a file was committed (see {@link EarlyAnswers}):
 * a CONTRL per interchange and a CUSRES interchange holding one message per declaration, into
 * outbox/&lt;sender&gt;/, built from what the customs step committed; also the answers to files refused before
 * the customs step (APERAK, CONTRL rejecting the interchange) and to XML batches. First it waits for the early
 * answers still on their way to disk and records them. Names (inbound control reference and file id) and
 * control references derive from the inbound file, so rewriting after a restart produces the same files,
 * replaced atomically, and never overwrites the answer to another file.
 */
public class AnswerTasklet implements Tasklet {

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AnswerFiles names;
    private final AnswerOutbox outbox;

    public AnswerTasklet(EdiBatchProperties props, JdbcTemplate jdbc, Clock clock, AnswerOutbox outbox) {
        this.props = props;
        this.jdbc = jdbc;
        this.clock = clock;
        this.names = new AnswerFiles(props, clock);
        this.outbox = outbox;
    }

    private record FileRow(long id, String sha, String sender, String recipient, String controlRef, String status,
                           SyntaxError error, String reasonCode, String sigReason, String sigDetail, String format,
                           String errorText, boolean allContrl, boolean hasDeclarations, Set<String> recorded) {
        boolean xml() {
            return "XML".equals(format);
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        // A file answered early has its answers recorded, by a chunk of the customs step or here, first: only
        // the answers still missing are built from the database.
        AnswerFiles.record(jdbc, outbox.awaitAll());
        List<FileRow> files = jdbc.query("SELECT f.id, f.sha256, i.sender, i.recipient, i.control_ref, i.status, "
                        + "i.error_code, i.error_segment, i.error_element, i.error_component, i.error_text, "
                        + "f.reason_code, f.sig_reason, f.sig_detail, f.format, "
                        + "(SELECT COUNT(*) > 0 AND COUNT(*) FILTER (WHERE r.message_type NOT LIKE 'CONTRL:%') = 0 "
                        + "FROM message_result r WHERE r.file_id = f.id), "
                        + "EXISTS (SELECT 1 FROM declaration d WHERE d.file_id = f.id), "
                        + "ARRAY(SELECT a.kind FROM answer a WHERE a.file_id = f.id) "
                        + "FROM inbound_file f JOIN interchange i ON i.file_id = f.id WHERE f.run_id = ? ORDER BY f.id",
                (rs, n) -> new FileRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7) == null ? null
                        : new SyntaxError(rs.getString(7), 0, rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11)),
                        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(11),
                        rs.getBoolean(16), rs.getBoolean(17), Set.of((String[]) rs.getArray(18).getArray())),
                runId);
        List<Written> written = java.util.Collections.synchronizedList(new ArrayList<>());
        XmlAnswers xmlAnswers = new XmlAnswers(jdbc, clock, props.ourEdiId(), props.tax().vatRatePercent());
        // Each file's answers depend only on what the customs step committed for it, and writing them waits
        // mostly on the database and on fsync: several files at a time. What was written is recorded at the
        // end in this step's transaction; a restart after a crash rewrites the same files and rows.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, 2 * props.threads()));
        try {
            List<Future<Answered>> done = new ArrayList<>();
            for (FileRow f : files) {
                done.add(pool.submit(() -> answer(f, xmlAnswers, written)));
            }
            // write count: files answered; read count: files whose answers were built here from the database
            for (Future<Answered> d : done) {
                try {
                    Answered a = d.get();
                    if (a != Answered.NOT_ANSWERED) {
                        contribution.incrementWriteCount(1);
                    }
                    if (a == Answered.HERE) {
                        contribution.incrementReadCount();
                    }
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        AnswerFiles.record(jdbc, written);
        CrashPoints.reach("answer.done");
        return RepeatStatus.FINISHED;
    }

    private enum Answered { NOT_ANSWERED, EARLY, HERE }

    /** @return how the file was answered (a file not addressed to us gets no answer) */
    private Answered answer(FileRow f, XmlAnswers xmlAnswers, List<Written> written) throws IOException {
        if (!props.ourEdiId().equals(f.recipient()) && f.error() != null && "7".equals(f.error().code())) {
            // not addressed to us: answering would send our CONTRL to a party that never wrote to us
            return Answered.NOT_ANSWERED;
        }
        boolean wrote = false;
        if (f.xml()) {
            if (!f.recorded().contains("XMLRES")) {
                written.add(writeXml(f, xmlAnswers));
                wrote = true;
            }
        } else if (f.reasonCode() != null && f.reasonCode().startsWith("SIG:")) {
            if (!f.recorded().contains("APERAK")) {
                written.add(writeAperak(f));
                wrote = true;
            }
        } else {
            if (!f.allContrl() && !f.recorded().contains("CONTRL")) { // a CONTRL is never answered with a CONTRL
                written.add(writeContrl(f));
                wrote = true;
            }
            if (f.hasDeclarations() && !f.recorded().contains("CUSRES")) {
                written.add(writeCusres(f));
                wrote = true;
            }
        }
        if (wrote) {
            CrashPoints.reach("answer.file-written");
        }
        return wrote ? Answered.HERE : Answered.EARLY;
    }

    /** Hands each message, with its errors, to {@code sink} in message order, one message in memory at a time. */
    private void streamMessages(long fileId, Sink<ContrlBuilder.Message> sink) {
        Object[] current = new Object[3]; // index, reference, type
        List<SyntaxError> errors = new ArrayList<>();
        StreamingQuery.forEach(jdbc, "SELECT r.msg_index, r.message_ref, r.message_type, e.code, e.segment_position, "
                + "e.segment_tag, e.element_position, e.component_position, e.text FROM message_result r "
                + "LEFT JOIN syntax_error e ON e.file_id = r.file_id AND e.msg_index = r.msg_index "
                + "WHERE r.file_id = ? ORDER BY r.msg_index, e.seq", rs -> {
            int index = rs.getInt(1);
            if (current[0] != null && (int) current[0] != index) {
                sink.accept(new ContrlBuilder.Message((String) current[1], (String) current[2], List.copyOf(errors)));
                errors.clear();
            }
            current[0] = index;
            current[1] = rs.getString(2);
            current[2] = rs.getString(3);
            if (rs.getString(4) != null) {
                errors.add(new SyntaxError(rs.getString(4), rs.getInt(5), rs.getString(6), rs.getInt(7), rs.getInt(8),
                        rs.getString(9)));
            }
        }, fileId);
        if (current[0] != null) {
            try {
                sink.accept(new ContrlBuilder.Message((String) current[1], (String) current[2], List.copyOf(errors)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    interface Sink<T> {
        void accept(T t) throws IOException;
    }

    private Written writeContrl(FileRow f) throws IOException {
        Path target = names.target("CONTRL", f.sender(), f.controlRef(), f.id(), ".edi");
        ContrlBuilder.Interchange ic = new ContrlBuilder.Interchange(f.controlRef(), f.sender(), f.recipient(),
                "ACCEPTED".equals(f.status()) ? null : f.error());
        return write(f, "CONTRL", target, w -> {
            ContrlBuilder.start(w, "1", ic);
            if (ic.error() == null) {
                streamMessages(f.id(), m -> ContrlBuilder.message(w, m));
            }
            ContrlBuilder.end(w);
        });
    }

    private Written writeAperak(FileRow f) throws IOException {
        Path target = names.target("APERAK", f.sender(), f.controlRef(), f.id(), ".edi");
        SubReason reason = SubReason.valueOf(f.sigReason());
        LocalDate today = LocalDate.now(clock);
        return write(f, "APERAK", target, w -> AperakBuilder.write(w, "1", today, f.controlRef(), reason, f.sigDetail()));
    }

    private Written writeCusres(FileRow f) throws IOException {
        Path target = names.target("CUSRES", f.sender(), f.controlRef(), f.id(), ".edi");
        LocalDate today = LocalDate.now(clock);
        return write(f, "CUSRES", target, w -> {
            int[] n = {1};
            streamDeclarations(f.id(), a -> CusresBuilder.write(w, Integer.toString(n[0]++), today, a));
        });
    }

    /** Hands each declaration's answer, with its errors, to {@code sink} in message order, one at a time. */
    private void streamDeclarations(long fileId, Sink<CusresBuilder.Answer> sink) {
        Object[] row = new Object[11];
        List<CusresBuilder.Error> errors = new ArrayList<>();
        boolean[] any = {false};
        StreamingQuery.forEach(jdbc, "SELECT d.msg_index, d.declaration_no, d.declaration_date, d.status, d.acceptance_no, "
                + "d.customs_value_krw, d.duty_krw, d.vat_krw, d.channel, d.score, d.rule_hits, e.code, e.pointer, e.text "
                + "FROM declaration d LEFT JOIN declaration_error e ON e.file_id = d.file_id AND e.msg_index = d.msg_index "
                + "WHERE d.file_id = ? ORDER BY d.msg_index, e.seq", rs -> {
            int index = rs.getInt(1);
            if (any[0] && (int) row[0] != index) {
                sink.accept(answer(row, errors));
                errors.clear();
            }
            any[0] = true;
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getObject(i + 1);
            }
            if (rs.getString(12) != null) {
                errors.add(new CusresBuilder.Error(rs.getString(12), rs.getString(13), rs.getString(14)));
            }
        }, fileId);
        if (any[0]) {
            try {
                sink.accept(answer(row, errors));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static CusresBuilder.Answer answer(Object[] r, List<CusresBuilder.Error> errors) {
        boolean accepted = "ACCEPTED".equals(r[3]);
        Channel channel = accepted ? Channel.valueOf((String) r[8]) : null;
        String hits = (String) r[10];
        java.sql.Date date = (java.sql.Date) r[2];
        return new CusresBuilder.Answer((String) r[1], date == null ? null : date.toLocalDate(), accepted,
                (String) r[4], (java.math.BigDecimal) r[5], null, (java.math.BigDecimal) r[6],
                (java.math.BigDecimal) r[7], channel == null ? null : channel.code(),
                channel == null ? null : CusresBuilder.channelText(channel.text(), ((Number) r[9]).intValue(), hits),
                List.copyOf(errors));
    }

    private Written writeXml(FileRow f, XmlAnswers answers) throws IOException {
        Path target = names.target("CUSRES", f.sender(), f.controlRef(), f.id(), ".xml");
        boolean signatureRefused = f.reasonCode() != null && f.reasonCode().startsWith("SIG:");
        SyntaxError e = f.error();
        String sha = answers.write(new XmlAnswers.Batch(f.id(), f.sender(), f.controlRef(), "ACCEPTED".equals(f.status()),
                e == null ? null : e.code(), e == null ? null : e.segmentTag(), e == null ? 0 : e.elementPosition(),
                e == null ? 0 : e.componentPosition(), f.errorText(), signatureRefused ? f.sigReason() : null,
                f.sigDetail()), target, AnswerFiles.controlRef(f.sha(), "XMLRES"));
        return new Written(f.id(), "XMLRES", f.sender(), target.toString(), sha);
    }

    private interface Messages {
        void write(EdifactWriter w) throws IOException;
    }

    private Written write(FileRow f, String kind, Path target, Messages body) throws IOException {
        String sha = AtomicFiles.write(target, (OutputStream out) -> {
            EdifactWriter w = new EdifactWriter(out);
            names.startInterchange(w, f.sender(), f.sha(), kind);
            body.write(w);
            w.endInterchange();
        });
        return new Written(f.id(), kind, f.sender(), target.toString(), sha);
    }
}

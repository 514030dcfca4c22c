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
import org.edibatch.signature.SubReason;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the answers of every file of the run from what the customs step committed: a CONTRL per
 * interchange and a CUSRES interchange holding one message per declaration, into outbox/&lt;sender&gt;/.
 * Names (inbound control reference and file id) and control references derive from the inbound file, so
 * rewriting after a restart produces the same files, replaced atomically, and never overwrites the answer
 * to another file.
 */
public class AnswerTasklet implements Tasklet {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AnswerTasklet(EdiBatchProperties props, JdbcTemplate jdbc, Clock clock) {
        this.props = props;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record FileRow(long id, String sha, String sender, String recipient, String controlRef, String status,
                           SyntaxError error, String reasonCode, String sigReason, String sigDetail, String format,
                           String errorText) {
        boolean xml() {
            return "XML".equals(format);
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        List<FileRow> files = jdbc.query("SELECT f.id, f.sha256, i.sender, i.recipient, i.control_ref, i.status, "
                        + "i.error_code, i.error_segment, i.error_element, i.error_component, i.error_text, "
                        + "f.reason_code, f.sig_reason, f.sig_detail, f.format "
                        + "FROM inbound_file f JOIN interchange i ON i.file_id = f.id WHERE f.run_id = ? ORDER BY f.id",
                (rs, n) -> new FileRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7) == null ? null
                        : new SyntaxError(rs.getString(7), 0, rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11)),
                        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(11)),
                runId);
        XmlAnswers xmlAnswers = new XmlAnswers(jdbc, clock, props.ourEdiId(), props.tax().vatRatePercent());
        // Each file's answers depend only on what the customs step committed for it, and writing them waits
        // mostly on the database and on fsync: several files at a time. The answer rows are upserts, so a
        // restart after a crash rewrites the same files and rows.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, 2 * props.threads()));
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (FileRow f : files) {
                done.add(pool.submit(() -> answer(f, xmlAnswers)));
            }
            for (Future<Boolean> d : done) {
                try {
                    if (d.get()) {
                        contribution.incrementWriteCount(1);
                    }
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        CrashPoints.reach("answer.done");
        return RepeatStatus.FINISHED;
    }

    /** @return whether an answer was written (a file not addressed to us gets none) */
    private boolean answer(FileRow f, XmlAnswers xmlAnswers) throws IOException {
        if (!props.ourEdiId().equals(f.recipient()) && f.error() != null && "7".equals(f.error().code())) {
            // not addressed to us: answering would send our CONTRL to a party that never wrote to us
            return false;
        }
        if (f.xml()) {
            writeXml(f, xmlAnswers);
        } else if (f.reasonCode() != null && f.reasonCode().startsWith("SIG:")) {
            writeAperak(f);
        } else {
            List<ContrlBuilder.Message> messages = messages(f.id());
            boolean allContrl = !messages.isEmpty()
                    && messages.stream().allMatch(m -> m.typeIdentifier().startsWith("CONTRL:"));
            if (!allContrl) { // a CONTRL is never answered with a CONTRL
                writeContrl(f, messages);
            }
            writeCusres(f);
        }
        CrashPoints.reach("answer.file-written");
        return true;
    }

    private List<ContrlBuilder.Message> messages(long fileId) {
        Map<Integer, List<SyntaxError>> errors = new LinkedHashMap<>();
        jdbc.query("SELECT msg_index, code, segment_position, segment_tag, element_position, component_position, text "
                + "FROM syntax_error WHERE file_id = ? ORDER BY msg_index, seq", rs -> {
            errors.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new SyntaxError(rs.getString(2),
                    rs.getInt(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getString(7)));
        }, fileId);
        return jdbc.query("SELECT msg_index, message_ref, message_type FROM message_result WHERE file_id = ? ORDER BY msg_index",
                (rs, n) -> new ContrlBuilder.Message(rs.getString(2), rs.getString(3),
                        errors.getOrDefault(rs.getInt(1), List.of())), fileId);
    }

    private void writeContrl(FileRow f, List<ContrlBuilder.Message> messages) throws IOException {
        Path target = folder(f.sender()).resolve("CONTRL_" + safe(f.controlRef()) + "_" + f.id() + ".edi");
        ContrlBuilder.Interchange ic = new ContrlBuilder.Interchange(f.controlRef(), f.sender(), f.recipient(),
                "ACCEPTED".equals(f.status()) ? null : f.error());
        write(f, "CONTRL", target, w -> ContrlBuilder.write(w, "1", ic, messages));
    }

    private void writeAperak(FileRow f) throws IOException {
        Path target = folder(f.sender()).resolve("APERAK_" + safe(f.controlRef()) + "_" + f.id() + ".edi");
        SubReason reason = SubReason.valueOf(f.sigReason());
        LocalDate today = LocalDate.now(clock);
        write(f, "APERAK", target, w -> AperakBuilder.write(w, "1", today, f.controlRef(), reason, f.sigDetail()));
    }

    private void writeCusres(FileRow f) throws IOException {
        Map<Integer, List<CusresBuilder.Error>> errors = new LinkedHashMap<>();
        jdbc.query("SELECT msg_index, code, pointer, text FROM declaration_error WHERE file_id = ? ORDER BY msg_index, seq",
                rs -> {
                    errors.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new CusresBuilder.Error(
                            rs.getString(2), rs.getString(3), rs.getString(4)));
                }, f.id());
        List<CusresBuilder.Answer> answers = jdbc.query("SELECT msg_index, declaration_no, declaration_date, status, "
                        + "acceptance_no, customs_value_krw, duty_krw, vat_krw, channel, score, rule_hits "
                        + "FROM declaration WHERE file_id = ? ORDER BY msg_index",
                (rs, n) -> {
                    boolean accepted = "ACCEPTED".equals(rs.getString(4));
                    Channel channel = accepted ? Channel.valueOf(rs.getString(9)) : null;
                    String hits = rs.getString(11);
                    return new CusresBuilder.Answer(rs.getString(2),
                            rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), accepted, rs.getString(5),
                            rs.getBigDecimal(6), null, rs.getBigDecimal(7), rs.getBigDecimal(8),
                            channel == null ? null : channel.code(),
                            channel == null ? null : channel.meaning() + ", score " + rs.getInt(10)
                                    + (hits == null || hits.isEmpty() ? "" : ", rules " + hits),
                            errors.getOrDefault(rs.getInt(1), List.of()));
                }, f.id());
        if (answers.isEmpty()) {
            return;
        }
        Path target = folder(f.sender()).resolve("CUSRES_" + safe(f.controlRef()) + "_" + f.id() + ".edi");
        LocalDate today = LocalDate.now(clock);
        write(f, "CUSRES", target, w -> {
            int n = 1;
            for (CusresBuilder.Answer a : answers) {
                CusresBuilder.write(w, Integer.toString(n++), today, a);
            }
        });
    }

    private void writeXml(FileRow f, XmlAnswers answers) throws IOException {
        Path target = folder(f.sender()).resolve("CUSRES_" + safe(f.controlRef()) + "_" + f.id() + ".xml");
        boolean signatureRefused = f.reasonCode() != null && f.reasonCode().startsWith("SIG:");
        SyntaxError e = f.error();
        answers.write(new XmlAnswers.Batch(f.id(), f.sender(), f.controlRef(), "ACCEPTED".equals(f.status()),
                e == null ? null : e.code(), e == null ? null : e.segmentTag(), e == null ? 0 : e.elementPosition(),
                e == null ? 0 : e.componentPosition(), f.errorText(), signatureRefused ? f.sigReason() : null,
                f.sigDetail()), target, controlRef(f.sha(), "XMLRES"));
        jdbc.update("INSERT INTO answer (file_id, kind, recipient, path, sha256) VALUES (?,?,?,?,?) "
                        + "ON CONFLICT (file_id, kind) DO UPDATE SET path = EXCLUDED.path, sha256 = EXCLUDED.sha256",
                f.id(), "XMLRES", f.sender(), target.toString(), org.edibatch.intake.FileDigest.sha256(target));
    }

    private interface Messages {
        void write(EdifactWriter w) throws IOException;
    }

    private void write(FileRow f, String kind, Path target, Messages body) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(clock);
        String ref = controlRef(f.sha(), kind);
        AtomicFiles.write(target, (OutputStream out) -> {
            EdifactWriter w = new EdifactWriter(out);
            w.startInterchange(props.ourEdiId(), f.sender(), YYMMDD.format(now), HHMM.format(now), ref);
            body.write(w);
            w.endInterchange();
        });
        jdbc.update("INSERT INTO answer (file_id, kind, recipient, path, sha256) VALUES (?,?,?,?,?) "
                        + "ON CONFLICT (file_id, kind) DO UPDATE SET path = EXCLUDED.path, sha256 = EXCLUDED.sha256",
                f.id(), kind, f.sender(), target.toString(), org.edibatch.intake.FileDigest.sha256(target));
    }

    private Path folder(String sender) {
        return props.outbox().resolve(safe(sender));
    }

    static String safe(String s) {
        return s == null || s.isEmpty() ? "UNKNOWN" : s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String controlRef(String fileSha, String kind) {
        return ("R" + kind.charAt(2) + sha256((fileSha + kind).getBytes(StandardCharsets.US_ASCII)).toUpperCase())
                .substring(0, 14);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

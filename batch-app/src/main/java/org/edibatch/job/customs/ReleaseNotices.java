package org.edibatch.job.customs;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.ack.ReleaseNoticeBuilder;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.edifact.Syntax;
import org.edibatch.release.ReleaseRepository;
import org.edibatch.schemas.PaymentNumber;
import org.edibatch.xml.XmlAnswerWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the release notices of a run, from the releases the release step recorded: per sender, one CUSRES
 * interchange for the declarations it sent in EDIFACT ({@code CUSRES-RELEASE_R<run>.edi}) and one XML answer for
 * those it sent in XML ({@code CUSRES-RELEASE_R<run>.xml}). Names, control references and dates derive from the run
 * and the releases, so a restart rewrites the same bytes; a notice recorded is never written again.
 */
final class ReleaseNotices {

    static final String KIND = "RELEASE";

    private final EdiBatchProperties props;
    private final ReleaseRepository releases;
    private final Clock clock;
    private final AnswerFiles names;

    ReleaseNotices(EdiBatchProperties props, ReleaseRepository releases, Clock clock, AnswerFiles names) {
        this.props = props;
        this.releases = releases;
        this.clock = clock;
        this.names = names;
    }

    /** @return how many notices were written */
    int write(long runId) throws IOException {
        int written = 0;
        for (ReleaseRepository.NoticeGroup group : releases.noticesToWrite(runId)) {
            Path target = target(group.sender(), runId, "XML".equals(group.format()) ? ".xml" : ".edi");
            String sha = "XML".equals(group.format()) ? xml(target, runId, group) : edifact(target, runId, group);
            AtomicFiles.syncDirectories(List.of(target.getParent()));
            CrashPoints.reach("release.notice-written");
            releases.recordNotice(runId, group.sender(), group.format(), target.toString(), sha);
            written++;
        }
        return written;
    }

    private Path target(String sender, long runId, String extension) {
        return props.outbox().resolve(AnswerFiles.bounded(AtomicFiles.safeName(sender)))
                .resolve("CUSRES-" + KIND + "_R" + runId + extension);
    }

    private LocalDate date(ReleaseRepository.Released r) {
        return LocalDate.ofInstant(r.releasedAt(), clock.getZone());
    }

    private static String paymentNumber(ReleaseRepository.Released r) {
        return r.tax() == null || r.tax().signum() <= 0 ? null : PaymentNumber.of(r.originalFileId(), r.originalIndex());
    }

    /** Streamed from the database into the file: one notice's heap whatever the number of releases. */
    private String edifact(Path target, long runId, ReleaseRepository.NoticeGroup group) throws IOException {
        Syntax syntax = Syntax.forAnswer(null, null, group.answerSyntax());
        return AtomicFiles.write(target, out -> {
            EdifactWriter w = new EdifactWriter(out);
            names.startInterchange(w, syntax, group.sender(), "R" + runId + "/" + group.sender(), KIND);
            int[] n = {1};
            try {
                releases.forEachReleased(runId, group, r -> {
                    try {
                        ReleaseNoticeBuilder.write(w, Integer.toString(n[0]++), new ReleaseNoticeBuilder.Notice(
                                r.declarationNo(), r.acceptanceNo(), date(r), r.basis(), paymentNumber(r)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            w.endInterchange();
        });
    }

    /** The XML answer counts its responses in its header: its group is read whole first. */
    private String xml(Path target, long runId, ReleaseRepository.NoticeGroup group) throws IOException {
        List<ReleaseRepository.Released> rows = new ArrayList<>();
        releases.forEachReleased(runId, group, rows::add);
        ReleaseRepository.Released first = rows.get(0);
        XmlAnswerWriter.Header header = new XmlAnswerWriter.Header(props.ourEdiId(), first.sender(),
                AnswerFiles.controlRef("R" + runId + "/" + first.sender(), KIND),
                OffsetDateTime.ofInstant(first.releasedAt(), clock.getZone()), null, 2);
        List<XmlAnswerWriter.Release> notices = new ArrayList<>(rows.size());
        for (ReleaseRepository.Released r : rows) {
            notices.add(new XmlAnswerWriter.Release(r.kind(), r.declarationNo(), r.acceptanceNo(), date(r),
                    r.basis(), paymentNumber(r)));
        }
        return AtomicFiles.write(target, out -> XmlAnswerWriter.releases(out, header, notices));
    }
}

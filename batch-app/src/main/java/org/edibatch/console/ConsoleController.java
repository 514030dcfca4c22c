package org.edibatch.console;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.customs.Channel;
import org.edibatch.ledger.CustomsPostings;
import org.edibatch.report.RunReport;
import org.edibatch.run.RunRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.FileSystemResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The console's pages. It only reads and moves data: who may do what is {@link ConsoleConfig}'s, what a decision
 * must hold is {@link DecisionForm}'s, the SQL is the repositories'.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleController {

    private static final Set<String> REVIEW_CHANNELS = Set.of(Channel.YELLOW.name(), Channel.RED.name());

    private final ConsoleRepository repository;
    private final DecisionRepository decisions;
    private final RunRepository runs;
    private final EdiBatchProperties props;
    private final ConsoleProperties console;
    private final Clock clock;
    private final RunReport reportsOf;

    public ConsoleController(ConsoleRepository repository, DecisionRepository decisions, RunRepository runs,
                             EdiBatchProperties props, ConsoleProperties console, Clock clock, RunReport reportsOf) {
        this.reportsOf = reportsOf;
        this.repository = repository;
        this.decisions = decisions;
        this.runs = runs;
        this.props = props;
        this.console = console;
        this.clock = clock;
    }

    @GetMapping("/")
    public RedirectView home() {
        return new RedirectView("/queue", true);
    }

    @GetMapping("/queue")
    public String queue(@RequestParam(required = false) String channel, @RequestParam(required = false) String importer,
                        @RequestParam(required = false) String sender,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        @RequestParam(required = false) Instant afterTime, @RequestParam(required = false) Long afterFile,
                        @RequestParam(required = false) Integer afterMsg,
                        @AuthenticationPrincipal Officer officer, Model model) {
        String ch = blankToNull(channel);
        ConsoleRepository.QueueFilter filter = new ConsoleRepository.QueueFilter(
                ch == null ? null : ch.toUpperCase(java.util.Locale.ROOT), blankToNull(importer), blankToNull(sender),
                startOf(from), startOf(to == null ? null : to.plusDays(1)));
        ConsoleRepository.QueueKey after = afterTime != null && afterFile != null && afterMsg != null
                ? new ConsoleRepository.QueueKey(afterTime, afterFile, afterMsg) : null;
        int size = console.pageSize();
        page(model, repository.queue(filter, after, size + 1), size, after == null, "/queue",
                filters("channel", ch, "importer", filter.importer(), "sender", filter.sender(), "from", from, "to", to),
                last -> filters("afterTime", last.receivedAt(), "afterFile", last.fileId(), "afterMsg", last.msgIndex()));
        common(model, officer, "queue");
        model.addAttribute("filter", filter);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("channel", ch);
        return "console/queue";
    }

    @GetMapping("/exceptions")
    public String exceptions(@RequestParam(required = false) Long run, @RequestParam(required = false) String sender,
                             @RequestParam(required = false) String category, @RequestParam(required = false) String code,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @RequestParam(required = false) Long afterFile, @RequestParam(required = false) Integer afterMsg,
                             @RequestParam(required = false) Integer afterSeq,
                             @AuthenticationPrincipal Officer officer, Model model) {
        ConsoleRepository.ExceptionFilter filter = new ConsoleRepository.ExceptionFilter(run, blankToNull(sender),
                blankToNull(category), blankToNull(code), startOf(from), startOf(to == null ? null : to.plusDays(1)));
        ConsoleRepository.ExceptionKey after = afterFile != null && afterMsg != null && afterSeq != null
                ? new ConsoleRepository.ExceptionKey(afterFile, afterMsg, afterSeq) : null;
        int size = console.pageSize();
        page(model, repository.exceptions(filter, after, size + 1), size, after == null, "/exceptions",
                filters("run", run, "sender", filter.sender(), "category", filter.category(), "code", filter.code(),
                        "from", from, "to", to),
                last -> filters("afterFile", last.fileId(), "afterMsg", last.msgIndex(), "afterSeq", last.seq()));
        common(model, officer, "exceptions");
        model.addAttribute("filter", filter);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "console/exceptions";
    }

    @GetMapping("/declarations/{fileId}/{msgIndex}")
    public String declaration(@PathVariable long fileId, @PathVariable int msgIndex,
                              @AuthenticationPrincipal Officer officer, Model model) {
        declarationModel(fileId, msgIndex, officer, model);
        return "console/declaration";
    }

    @PostMapping("/declarations/{fileId}/{msgIndex}/decisions")
    public Object decide(@PathVariable long fileId, @PathVariable int msgIndex,
                         @RequestParam(required = false) String kind, @RequestParam(required = false) String reason,
                         @RequestParam(required = false) String hsCode,
                         @RequestParam(required = false) String customsValue,
                         @RequestParam(required = false) String quantity,
                         @AuthenticationPrincipal Officer officer, Model model, HttpServletResponse response) {
        ConsoleRepository.Message m = declarationModel(fileId, msgIndex, officer, model);
        if (!m.inReview()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "this declaration is not in review");
        }
        DecisionForm.Result result = DecisionForm.check(kind, reason, hsCode, customsValue, quantity,
                repository::hsCodeKnown);
        if (!result.ok()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", result.errors());
            model.addAttribute("form", new LinkedHashMap<>(Map.of("kind", kind == null ? "" : kind,
                    "reason", reason == null ? "" : reason, "hsCode", hsCode == null ? "" : hsCode,
                    "customsValue", customsValue == null ? "" : customsValue,
                    "quantity", quantity == null ? "" : quantity)));
            return "console/declaration";
        }
        decisions.record(fileId, msgIndex, result.decision(), officer, clock.instant());
        RedirectView done = new RedirectView("/declarations/" + fileId + "/" + msgIndex, true);
        done.setStatusCode(HttpStatus.SEE_OTHER);
        return done;
    }

    /** An answer file, read-only, only from the outbox: the path is the one recorded, never one from the request. */
    @GetMapping("/answers/{fileId}/{kind}")
    public ResponseEntity<FileSystemResource> answer(@PathVariable long fileId, @PathVariable String kind)
            throws IOException {
        String recorded = repository.answerPath(fileId, kind)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Path file = inside(props.outbox(), Path.of(recorded));
        MediaType type = file.getFileName().toString().endsWith(".xml") ? MediaType.APPLICATION_XML
                : new MediaType("text", "plain", StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(file.getFileName().toString(), StandardCharsets.UTF_8).build().toString())
                .body(new FileSystemResource(file));
    }

    @GetMapping("/runs")
    public String runList(@AuthenticationPrincipal Officer officer, Model model) {
        common(model, officer, "runs");
        model.addAttribute("runs", runs.lastRuns(50));
        return "console/runs";
    }

    @GetMapping("/runs/{runId}")
    public String run(@PathVariable long runId, @AuthenticationPrincipal Officer officer, Model model)
            throws IOException {
        ConsoleRepository.RunInfo info = repository.run(runId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        common(model, officer, "runs");
        model.addAttribute("run", info);
        model.addAttribute("counts", runs.customsCounts(runId));
        model.addAttribute("channels", repository.channels(runId));
        model.addAttribute("reports", reportFiles(runId));
        return "console/run";
    }

    /** A report of a run, as a download (its pages carry their own inline script, which the console's policy bars). */
    @GetMapping("/runs/{runId}/reports/{name}")
    public ResponseEntity<FileSystemResource> report(@PathVariable long runId, @PathVariable String name)
            throws IOException {
        if (!reportFiles(runId).contains(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Path folder = reportsOf.folder(props.reports(), runId);
        Path file = inside(folder, folder.resolve(name));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .body(new FileSystemResource(file));
    }

    private ConsoleRepository.Message declarationModel(long fileId, int msgIndex, Officer officer, Model model) {
        ConsoleRepository.Message m = repository.message(fileId, msgIndex)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        common(model, officer, "queue");
        model.addAttribute("m", m);
        model.addAttribute("syntaxErrors", repository.syntaxErrors(fileId, msgIndex));
        model.addAttribute("contentErrors", repository.contentErrors(fileId, msgIndex));
        model.addAttribute("answers", repository.answers(fileId));
        if (m.declaration()) {
            model.addAttribute("versions", repository.versions(m.sender(), m.declarationNo()));
            model.addAttribute("ledger", repository.declarationLedger(m.sender(), m.declarationNo(),
                    CustomsPostings.idempotencyKey(m.sender(), m.declarationNo())));
            model.addAttribute("decisions", decisions.forDeclaration(m.sender(), m.declarationNo()));
        } else {
            model.addAttribute("versions", List.of());
            model.addAttribute("ledger", List.of());
            model.addAttribute("decisions", List.of());
        }
        model.addAttribute("canDecide", officer != null && officer.decides() && m.inReview());
        model.addAttribute("kinds", DecisionKind.values());
        model.addAttribute("errors", List.of());
        model.addAttribute("form", Map.of("kind", "", "reason", "", "hsCode", "", "customsValue", "", "quantity", ""));
        return m;
    }

    /**
     * One keyset page into the model: the rows (fetched one more than shown, to know whether more follow) and the
     * "next page" link, which keeps the filters and continues after the last row shown.
     */
    private static <T> void page(Model model, List<T> fetched, int size, boolean first, String path,
                                 Map<String, Object> filters, Function<T, Map<String, Object>> keyAfter) {
        List<T> rows = new ArrayList<>(fetched);
        String next = null;
        if (rows.size() > size) {
            rows.subList(size, rows.size()).clear();
            Map<String, Object> query = new LinkedHashMap<>(filters);
            query.putAll(keyAfter.apply(rows.get(size - 1)));
            next = link(path, query);
        }
        model.addAttribute("rows", rows);
        model.addAttribute("next", next);
        model.addAttribute("first", first);
    }

    private void common(Model model, Officer officer, String section) {
        model.addAttribute("officer", officer);
        model.addAttribute("section", section);
        model.addAttribute("fmt", new Formats(props.zone(), clock.instant()));
        model.addAttribute("reviewChannels", REVIEW_CHANNELS.stream().sorted().toList());
    }

    /** The regular files of a run's report folder, by name; links are not followed. */
    private List<String> reportFiles(long runId) throws IOException {
        Path folder = reportsOf.folder(props.reports(), runId);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(f.getFileName().toString());
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** The file, when it really is a regular file inside {@code root} (links resolved first); 404 otherwise. */
    private static Path inside(Path root, Path file) throws IOException {
        try {
            Path realRoot = root.toRealPath();
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(props.zone()).toInstant();
    }

    private static Map<String, Object> filters(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    private static String link(String path, Map<String, Object> query) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        query.forEach((k, v) -> b.queryParam(k, v.toString()));
        return b.encode().build().toUriString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

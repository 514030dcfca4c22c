package org.edibatch.console;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.receivables.LateCharge;
import org.edibatch.receivables.Receivables;
import org.edibatch.receivables.ReceivablesRepository;
import org.edibatch.refdata.ReferenceSnapshot;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The receivables page: per importer, what is due, paid, open and how late, with the late charge as of today, and
 * the total; importers in code order, a page at a time (keyset: the last importer of the page). It only moves data:
 * the figures are {@link Receivables}', the SQL {@link ReceivablesRepository}'s.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReceivablesController {

    private final ReceivablesRepository repository;
    private final JdbcTemplate jdbc;
    private final EdiBatchProperties props;
    private final ConsoleProperties console;
    private final Clock clock;

    public ReceivablesController(JdbcTemplate jdbc, EdiBatchProperties props, ConsoleProperties console, Clock clock) {
        this.repository = new ReceivablesRepository(jdbc);
        this.jdbc = jdbc;
        this.props = props;
        this.console = console;
        this.clock = clock;
    }

    @GetMapping("/receivables")
    public String receivables(@RequestParam(required = false) String after,
                              @AuthenticationPrincipal Officer officer, Model model) {
        LocalDate today = LocalDate.now(clock);
        int size = console.pageSize();
        String from = after == null ? "" : after;
        Page page = page(from, size, today);
        model.addAttribute("officer", officer);
        model.addAttribute("section", "receivables");
        model.addAttribute("fmt", new Formats(props.zone(), clock.instant()));
        model.addAttribute("asOf", today);
        model.addAttribute("rows", page.lines());
        model.addAttribute("total", page.total());
        model.addAttribute("next", page.next());
        model.addAttribute("first", after == null);
        return "console/receivables";
    }

    /** One page of importers and the total of all. */
    record Page(List<Receivables.Line> lines, Receivables.Line total, String next) {
    }

    Page page(String after, int size, LocalDate today) {
        LateCharge charge = new LateCharge(repository.lateChargeRates());
        var terms = ReferenceSnapshot.paymentTerms(jdbc);
        List<Receivables.Line> lines = new ArrayList<>(Receivables.of(
                repository.page(props.zone(), after, size + 1), today, terms, charge).lines());
        String next = null;
        if (lines.size() > size) {
            lines.remove(size);
            next = UriComponentsBuilder.fromPath("/receivables").queryParam("after", lines.get(size - 1).importerCode())
                    .encode().build().toUriString();
        }
        Receivables.Line total = Receivables.of(repository.groups(props.zone()), today, terms, charge).total();
        return new Page(lines, total, next);
    }
}

package org.edibatch.report;

import org.springframework.dao.DataAccessException;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the report templates under {@code templates/} on the class path, the folder a Spring MVC view resolver
 * reads too, and reads the {@code static/} files a self-contained page inlines.
 */
final class ReportTemplates {

    /**
     * Thread-safe; templates are parsed once and cached. Expressions are Spring EL, as when Spring MVC renders the
     * same templates (and much faster than the plain engine's OGNL on records: a page has thousands of rows).
     */
    private static final TemplateEngine ENGINE = engine();

    private ReportTemplates() {
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportTemplates.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setEnableSpringELCompiler(true);
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /**
     * Writes {@code template} (e.g. {@code report/exceptions}) with {@code variables}. A failure to write, or to
     * read the rows the template iterates, comes out as itself rather than wrapped by the engine: callers (and
     * Spring Batch) tell I/O and database failures apart.
     */
    static void render(String template, Map<String, Object> variables, Writer out) throws IOException {
        try {
            ENGINE.process(template, new Context(Locale.ENGLISH, variables), out);
        } catch (TemplateEngineException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof DataAccessException data) {
                throw data;
            }
            throw e;
        }
    }

    /** A UTF-8 file under {@code static/} on the class path, e.g. {@code report/report.js}. */
    static String resource(String path) {
        try (InputStream in = ReportTemplates.class.getClassLoader().getResourceAsStream("static/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource static/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

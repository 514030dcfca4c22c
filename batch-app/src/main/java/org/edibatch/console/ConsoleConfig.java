package org.edibatch.console;

import jakarta.servlet.DispatcherType;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.signature.TrustConfig;
import org.edibatch.signature.TrustStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.edibatch.report.RunReport;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.LoggerFactory;

/**
 * The console's web side, only in a servlet context ({@code serve}; every other command runs without a web
 * server): TLS with a client certificate required (server.ssl.* in application.properties name the bundle made
 * here), the certificate check on every request, the roles, CSRF and the security headers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfig {

    /** Scripts and styles only from the console's own static files; no frames, no plugins, forms post here. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * The server's key and the officers' trust anchors as the TLS bundle "console": the handshake asks for a
     * client certificate that chains to an anchor (names the anchors to the browser, refuses anything else).
     */
    @Bean
    public SslBundleRegistrar consoleSslBundle(ConsoleProperties console, EdiBatchProperties props) {
        return registry -> {
            try {
                registry.registerBundle("console", SslBundle.of(SslStoreBundle.of(
                        keyStore(console.keyStoreUnder(props.home()), console.keyStorePassword()),
                        console.keyStorePassword(), anchors(console.anchorsUnder(props.home())))));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("console: cannot read the server key " + console.keyStoreUnder(props.home())
                        + " or the officers' trust anchors " + console.anchorsUnder(props.home()) + ": " + e.getMessage()
                        + " (pki init writes demo ones)", e);
            }
        };
    }

    @Bean
    public OfficerCertificates officerCertificates(ConsoleProperties console, EdiBatchProperties props)
            throws IOException {
        return new OfficerCertificates(TrustStore.load(new TrustConfig(console.anchorsUnder(props.home()),
                console.crlsUnder(props.home()))));
    }

    /**
     * Re-reads the officers' CRLs every {@code edibatch.console.crl-reload} (default 5 minutes), so a revocation
     * copied into the folder takes effect without a restart. A folder that cannot be read keeps the CRLs in use.
     */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService consoleCrlReload(OfficerCertificates certificates, ConsoleProperties console) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-crl-reload");
            t.setDaemon(true);
            return t;
        });
        long every = console.crlReload().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                certificates.reloadCrls();
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(ConsoleConfig.class).warn("console: CRLs not reloaded, the previous ones stay: {}",
                        e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return timer;
    }

    @Bean
    public ConsoleRepository consoleRepository(NamedParameterJdbcTemplate jdbc) {
        return new ConsoleRepository(jdbc);
    }

    /** Where a run's reports are (the console lists and serves them; it writes none). */
    @Bean
    public RunReport consoleRunReports(JdbcTemplate jdbc) {
        return new RunReport(jdbc);
    }

    @Bean
    public DecisionRepository decisionRepository(NamedParameterJdbcTemplate jdbc) {
        return new DecisionRepository(jdbc);
    }

    /**
     * Auditors read (GET), officers also decide (POST). CSRF on every form (the session's token, Spring Security's
     * default); Spring Security's default headers (no-store caching, nosniff, frame denial) plus the policy above.
     */
    @Bean
    public SecurityFilterChain consoleSecurity(HttpSecurity http, OfficerCertificates certificates, Clock clock)
            throws Exception {
        http.addFilterBefore(new CertificateFilter(certificates, clock), CsrfFilter.class)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole("OFFICER", "AUDITOR")
                        .anyRequest().hasRole("OFFICER"))
                .exceptionHandling(e -> e.authenticationEntryPoint(new Http403ForbiddenEntryPoint()))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny()))
                .requestCache(r -> r.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
        return http.build();
    }

    private static KeyStore keyStore(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static KeyStore anchors(Path dir) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(f)) {
                    for (Certificate c : factory.generateCertificates(in)) {
                        ks.setCertificateEntry("anchor-" + n++, c);
                    }
                }
            }
        }
        if (n == 0) {
            throw new GeneralSecurityException("no certificate in " + dir);
        }
        return ks;
    }
}

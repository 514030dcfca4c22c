package org.edibatch.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Admits a request on its TLS client certificate ({@link OfficerCertificates}) and names its role for the
 * authorization rules; a refused certificate gets a 403 and one line of text, never a page. Every request is
 * checked, not only the first of a session, so a certificate revoked in the CRL folder is refused at once after
 * the CRLs are reloaded.
 */
final class CertificateFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateFilter.class);
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final OfficerCertificates certificates;
    private final Clock clock;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    CertificateFilter(OfficerCertificates certificates, Clock clock) {
        this.certificates = certificates;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        java.security.cert.X509Certificate[] presented =
                (java.security.cert.X509Certificate[]) request.getAttribute(CERTIFICATES);
        OfficerCertificates.Verdict verdict = certificates.check(presented == null ? null : List.of(presented),
                clock.instant());
        if (!verdict.admitted()) {
            LOG.warn("console: certificate refused: {}", verdict.refusal());
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write("certificate refused\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Officer officer = verdict.officer();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new PreAuthenticatedAuthenticationToken(officer, presented[0],
                List.of(new SimpleGrantedAuthority("ROLE_" + officer.role().name()))));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}

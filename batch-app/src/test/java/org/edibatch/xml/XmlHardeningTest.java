package org.edibatch.xml;

import com.sun.net.httpserver.HttpServer;
import org.edibatch.samples.xml.XmlSampleSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.stream.XMLResolver;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DOCTYPE attacks are refused before anything is resolved or expanded: a resolver that records every call
 * stays silent, a local HTTP server gets no request, a secret file's content appears nowhere.
 */
class XmlHardeningTest {

    private static final String SECRET = "s3cr3t-content-that-must-never-appear";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger httpRequests = new AtomicInteger();
    private final List<String> resolverCalls = new ArrayList<>();
    private final XMLResolver recordingResolver = (publicId, systemId, baseUri, namespace) -> {
        resolverCalls.add(systemId);
        return new ByteArrayInputStream(SECRET.getBytes(StandardCharsets.UTF_8));
    };

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            httpRequests.incrementAndGet();
            byte[] body = ("<!ENTITY leak \"" + SECRET + "\">").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void assertRefusedUntouched(byte[] file) throws Exception {
        try (XmlDeclarationReader r = XmlDeclarationReader.open(new ByteArrayInputStream(file), XmlLimits.defaults(),
                recordingResolver)) {
            assertThat(r.next()).isNull();
            assertThat(r.refused()).isTrue();
            assertThat(r.header()).isNull();
            XmlError e = r.batchErrors().get(0);
            assertThat(e.code()).isEqualTo("X003");
            assertThat(e.line()).isPositive();
            assertThat(r.batchErrors().toString()).doesNotContain(SECRET).doesNotContain("lollollol");
            assertThat(new String(file, StandardCharsets.UTF_8)).containsPattern("<Name>&(xxe|lol9);</Name>|%remote;|SYSTEM");
        }
        assertThat(resolverCalls).isEmpty();
        assertThat(httpRequests).hasValue(0);
    }

    @Test
    void externalEntityOnALocalFileIsNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        assertRefusedUntouched(XmlSampleSet.xxe(secret.toUri().toString()));
    }

    @Test
    void externalEntityOverHttpIsNeverFetched() throws Exception {
        assertRefusedUntouched(XmlSampleSet.xxe(url("/xxe")));
    }

    @Test
    void externalDtdIsNeverFetched() throws Exception {
        assertRefusedUntouched(XmlSampleSet.externalDtd(url("/batch.dtd")));
    }

    @Test
    void parameterEntityIsNeverFetched() throws Exception {
        assertRefusedUntouched(XmlSampleSet.parameterEntity(url("/remote.dtd")));
    }

    @Test
    void billionLaughsIsNotExpanded() throws Exception {
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertRefusedUntouched(XmlSampleSet.billionLaughs());
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        // fully expanded, &lol9; is 3 GB of text
        assertThat(after - before).isLessThan(256L << 20);
    }

    @Test
    void entityReferenceWithoutDoctypeIsRefusedNotResolved() {
        byte[] file = new String(XmlSampleSet.xxe("file:///etc/passwd"), StandardCharsets.UTF_8)
                .replaceAll("(?s)<!DOCTYPE.*?]>\n", "").getBytes(StandardCharsets.UTF_8);
        XmlTestSupport.Batch b = XmlTestSupport.read(file);
        assertThat(b.refused()).isTrue();
        assertThat(b.refusal().code()).isEqualTo("X003");
        assertThat(b.refusal().text()).contains("&xxe;");
    }
}

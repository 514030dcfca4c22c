package org.edibatch.console;

import org.edibatch.run.ExitCodes;
import org.edibatch.signature.OfficerPki;
import org.edibatch.support.Cli;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The serve command as an operator starts it, and the batch commands, which start no web server. */
@SlowTest
class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("console listening on https://127\\.0\\.0\\.1:(\\d+)/");

    @Test
    void serveAnswersOnTheDemoCertificatesOfPkiInitAndAStatusRunsBesideIt(@TempDir Path home) throws Exception {
        Cli.Result init = Cli.run("pki", "init", home.resolve("pki").toString());
        assertThat(init.code()).as(init.output()).isEqualTo(ExitCodes.OK);
        assertThat(init.output()).contains("officer.p12, auditor.p12, server.p12");
        String db = TestDatabase.freshDatabaseUrl();
        Process serve = Cli.process("serve", "--edibatch.home=" + home, "--spring.datasource.url=" + db,
                "--edibatch.console.port=0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            Integer port = null;
            String line;
            while (port == null && (line = out.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as(seen.toString()).isNotNull();
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();

            HttpResponse<String> queue = ConsoleClient.of(OfficerPki.at(home.resolve("pki")), OfficerPki.OFFICER, port)
                    .get("/queue");
            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(queue.body()).contains("Nothing waits for a decision.");

            Cli.Result status = Cli.run("status", "--edibatch.home=" + home, "--spring.datasource.url=" + db);
            assertThat(status.code()).as(status.output()).isEqualTo(ExitCodes.OK);
            assertThat(serve.isAlive()).isTrue();
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aBatchContextHasNoWebServer(@TempDir Path home) {
        try (TestApp app = TestApp.start(home)) {
            assertThat(app.context()).isNotInstanceOf(WebServerApplicationContext.class);
        }
    }
}

package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * The officers' console: HTTPS with client certificates until the process is stopped (SIGTERM or Ctrl-C). It
 * takes no run lock and only reads, apart from the decisions it records, so it runs beside the nightly runs.
 */
@Command(name = "serve", description = "the officers' console on HTTPS with client certificates "
        + "(--edibatch.console.address=127.0.0.1, --edibatch.console.port=8443) until stopped")
public class ServeCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    public ServeCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        spring.startWebServer();
        // the server is up once the context is: Spring Boot then publishes its port as local.server.port
        Environment env = spring.bean(Environment.class);
        String address = env.getProperty("server.address", "127.0.0.1");
        spec.commandLine().getOut().println("console listening on https://" + address + ":" + env.getProperty("local.server.port")
                + "/ (client certificate required; stop with Ctrl-C)");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "console-stop"));
        stopped.await();
        return ExitCodes.OK;
    }
}

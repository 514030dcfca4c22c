package org.edibatch;

import org.edibatch.cli.CommandLine;
import org.edibatch.cli.ExitCodes;
import org.edibatch.cli.PkiCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EdiBatchApplication {

    public static void main(String[] args) throws Exception {
        String first = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().orElse("");
        if (first.equals("pki") || first.equals("sign") || first.equals("sign-samples")) {
            System.exit(PkiCommands.run(args));
        }
        if (first.equals("help") || first.isEmpty() || java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(CommandLine.USAGE);
            System.exit(first.equals("help") || !first.isEmpty() || java.util.Arrays.asList(args).contains("--help")
                    ? ExitCodes.OK : ExitCodes.USAGE);
        }
        System.exit(SpringApplication.exit(SpringApplication.run(EdiBatchApplication.class, args)));
    }
}

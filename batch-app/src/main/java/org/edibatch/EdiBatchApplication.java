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
        boolean helpAsked = first.equals("help") || java.util.Arrays.asList(args).contains("--help");
        if (helpAsked || first.isEmpty()) {
            System.out.println(CommandLine.USAGE);
            System.exit(helpAsked ? ExitCodes.OK : ExitCodes.USAGE);
        }
        int code;
        try {
            code = SpringApplication.exit(SpringApplication.run(EdiBatchApplication.class, args));
        } catch (RuntimeException e) {
            // The application could not start or run (database unreachable, bad configuration): a fault,
            // not an input problem. Operators rerun after fixing it; a failed run then resumes.
            System.err.println("edibatch failed: " + e);
            code = ExitCodes.FAILED_RERUN_TO_RESUME;
        }
        System.exit(code);
    }
}

package org.edibatch;

import org.edibatch.cli.EdiBatchCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EdiBatchApplication {

    public static void main(String[] args) {
        System.exit(EdiBatchCommandLine.execute(args));
    }
}

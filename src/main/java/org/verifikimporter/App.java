package org.verifikimporter;

import org.verifikimporter.cli.ImporterCli;

/** Entry point of the executable jar. */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        System.exit(ImporterCli.executeAsProcess(args, System.getenv()));
    }
}

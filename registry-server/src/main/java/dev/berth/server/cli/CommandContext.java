package dev.berth.server.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/** What a command gets from the process: its output streams and environment, passed in so tests can supply their own. */
public record CommandContext(PrintStream out, PrintStream err, Map<String, String> environment) {

    public CommandContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
    }

    /** The process's own streams and environment. */
    public static CommandContext system() {
        return new CommandContext(System.out, System.err, System.getenv());
    }
}

package dev.berth.server.cli;

import java.util.List;

/**
 * One subcommand of the {@code berth} program ({@code serve}, {@code garbage-collect} …). A
 * subcommand is one class implementing this, added to the list in {@link Main#commands()}.
 */
public interface Command {

    /** The word that selects it: {@code serve}. */
    String name();

    /** Its arguments as the help shows them: {@code [config.yml]}. */
    String arguments();

    /** What it does, in one line. */
    String summary();

    /** Further help shown by {@code berth help <name>}: options and their meaning; may be empty. */
    default String details() {
        return "";
    }

    /**
     * Runs it. Returns the process exit code: 0 for success, 1 for a failure it reported, 2 for
     * arguments it could not understand (after printing why to {@link CommandContext#err()}).
     */
    int run(List<String> arguments, CommandContext context) throws Exception;
}

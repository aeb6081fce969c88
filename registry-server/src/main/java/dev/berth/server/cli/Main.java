package dev.berth.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code berth} program, with the words of distribution's {@code registry} binary:
 * {@code berth serve [config.yml]}, {@code berth garbage-collect …}, {@code --help},
 * {@code --version}.
 */
public final class Main {

    static final int USAGE = 2;

    private final List<Command> commands;
    private final CommandContext context;

    public Main(List<Command> commands, CommandContext context) {
        this.commands = List.copyOf(commands);
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Every subcommand of the program. Another subcommand is one more entry here. */
    public static List<Command> commands() {
        return List.of(new ServeCommand(), new GarbageCollectCommand(), new CleanupCommand(), new UsageCommand(),
                new TokenKeysCommand(), new StorageCommand());
    }

    public static void main(String[] args) {
        int code = new Main(commands(), CommandContext.system()).run(args);
        // serve returns after a shutdown signal, while the JVM is already exiting; only failures need an exit call
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns the exit code. */
    public int run(String... args) {
        List<String> arguments = List.of(args);
        if (arguments.isEmpty()) {
            usage(context.err());
            return USAGE;
        }
        String first = arguments.get(0);
        List<String> rest = arguments.subList(1, arguments.size());
        switch (first) {
            case "-h", "--help" -> {
                usage(context.out());
                return 0;
            }
            case "-v", "--version", "version" -> {
                context.out().println("berth " + version());
                return 0;
            }
            case "help" -> {
                return help(rest);
            }
            default -> {
                return dispatch(first, rest);
            }
        }
    }

    private int dispatch(String name, List<String> arguments) {
        Optional<Command> command = find(name);
        if (command.isEmpty()) {
            context.err().println("berth: unknown command \"" + name + "\"");
            usage(context.err());
            return USAGE;
        }
        if (arguments.contains("-h") || arguments.contains("--help")) {
            commandHelp(command.get());
            return 0;
        }
        try {
            return command.get().run(arguments, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println("berth " + name + ": interrupted");
            return 1;
        } catch (Exception e) {
            context.err().println("berth " + name + ": " + describe(e));
            return 1;
        }
    }

    private int help(List<String> arguments) {
        if (arguments.isEmpty()) {
            usage(context.out());
            return 0;
        }
        Optional<Command> command = find(arguments.get(0));
        if (command.isEmpty()) {
            context.err().println("berth help: unknown command \"" + arguments.get(0) + "\"");
            return USAGE;
        }
        commandHelp(command.get());
        return 0;
    }

    private Optional<Command> find(String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    private void usage(PrintStream out) {
        out.println("berth " + version() + ": an OCI container registry, a drop-in for distribution's registry");
        out.println();
        out.println("Usage:");
        out.println("  berth <command> [arguments]      (berth help <command> shows its arguments)");
        out.println();
        out.println("Commands:");
        List<String[]> rows = new ArrayList<>();
        for (Command command : commands) {
            rows.add(new String[] {command.name(), command.summary()});
        }
        rows.add(new String[] {"help", "show help for a command"});
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        for (String[] row : rows) {
            out.printf("  %-" + width + "s  %s%n", row[0], row[1]);
        }
        out.println();
        out.println("Flags:");
        out.println("  -h, --help     show this help");
        out.println("  -v, --version  show the version and exit");
    }

    private void commandHelp(Command command) {
        context.out().println("Usage: berth " + command.name() + " " + command.arguments());
        context.out().println();
        context.out().println(command.summary());
        if (!command.details().isEmpty()) {
            context.out().println();
            context.out().println(command.details().stripTrailing());
        }
    }

    /** An exception's message and those of its causes, without a stack trace: these reach administrators. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    /** Berth's version, from the build. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.berth.server.cli;

import dev.berth.gc.usage.UsageCalculator;
import dev.berth.gc.usage.UsageFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code berth usage [--format table|csv|json] config.yml}: bytes per repository (everything it
 * links, and what only it holds), unique bytes and the deduplication ratio. Read-only.
 */
final class UsageCommand implements Command {

    private static final Map<String, String> OPTIONS = Map.of("--format", "format", "-f", "format");

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public String arguments() {
        return "[--format table|csv|json] config.yml";
    }

    @Override
    public String summary() {
        return "show the storage each repository uses, shared and exclusive";
    }

    @Override
    public int run(List<String> arguments, CommandContext context) throws Exception {
        CommandLine line;
        UsageFormat format;
        try {
            line = CommandLine.parse(arguments, Map.of(), OPTIONS);
            if (line.positional().size() != 1) {
                throw new IllegalArgumentException("expected one config.yml");
            }
            format = UsageFormat.parse(line.option("format").orElse("table"));
        } catch (IllegalArgumentException e) {
            context.err().println("berth usage: " + e.getMessage());
            context.err().println("usage: berth usage " + arguments());
            return Main.USAGE;
        }
        try (ConfiguredStorage storage = ConfiguredStorage.open(line.positional().get(0), context.environment())) {
            context.out().print(format.render(new UsageCalculator(storage.registry(), 8).measure()));
        }
        return 0;
    }
}

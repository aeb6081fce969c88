package dev.berth.server.cli;

import dev.berth.gc.cleanup.CleanupPolicies;
import dev.berth.gc.cleanup.CleanupReport;
import dev.berth.gc.cleanup.TagCleaner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code berth cleanup --policy policy.yml [--dry-run] config.yml}: applies GitLab-style tag
 * cleanup policies. It only untags; {@code berth garbage-collect -m} then reclaims the space.
 */
final class CleanupCommand implements Command {

    private static final Map<String, String> FLAGS = Map.of("-d", "dry-run", "--dry-run", "dry-run");
    private static final Map<String, String> OPTIONS = Map.of("--policy", "policy", "-p", "policy");

    @Override
    public String name() {
        return "cleanup";
    }

    @Override
    public String arguments() {
        return "--policy policy.yml [--dry-run] config.yml";
    }

    @Override
    public String summary() {
        return "untag what cleanup policies expire (name_regex, name_regex_keep, keep_n, older_than)";
    }

    @Override
    public String details() {
        return """
                The policy file:

                  policies:
                    - repository: group/app          # or repository_regex: "group/.*"
                      name_regex: ".*"               # tags to remove (whole-name match)
                      name_regex_keep: "v\\\\d+\\\\..*"  # tags to keep whatever else matches
                      keep_n: 10                     # the 10 most recent matching tags stay
                      older_than: 90d                # only tags pushed more than 90 days ago go

                "latest" is never removed. A repository follows the first policy that applies.
                -d, --dry-run  list what would be untagged, untag nothing
                """;
    }

    @Override
    public int run(List<String> arguments, CommandContext context) throws Exception {
        CommandLine line;
        try {
            line = CommandLine.parse(arguments, FLAGS, OPTIONS);
            if (line.positional().size() != 1 || line.option("policy").isEmpty()) {
                throw new IllegalArgumentException("expected --policy policy.yml and one config.yml");
            }
        } catch (IllegalArgumentException e) {
            context.err().println("berth cleanup: " + e.getMessage());
            context.err().println("usage: berth cleanup " + arguments());
            return Main.USAGE;
        }
        CleanupPolicies policies = CleanupPolicies.load(Path.of(line.option("policy").get()));
        boolean dryRun = line.has("dry-run");
        try (ConfiguredStorage storage = ConfiguredStorage.open(line.positional().get(0), context.environment())) {
            CleanupReport report = new TagCleaner(storage.registry(), Clock.systemUTC()).run(policies, dryRun);
            for (CleanupReport.RemovedTag tag : report.removed()) {
                context.out().println((dryRun ? "would untag " : "untagged ") + tag.repository() + ":" + tag.tag()
                        + " " + tag.digest() + " (last pushed " + tag.updatedAt() + ")");
            }
            context.out().println(report.removed().size() + " tags " + (dryRun ? "would be untagged" : "untagged")
                    + (report.removed().isEmpty() || dryRun ? "" : "; run garbage-collect -m to reclaim their space"));
        }
        return 0;
    }
}

package dev.berth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<Command> commands, Map<String, String> environment, String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Main(commands, context).run(args);
    }

    private int run(String... args) {
        return run(Main.commands(), Map.of(), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandWithItsArguments() {
        assertThat(run("--help")).isZero();

        assertThat(out()).contains("Usage:", "serve", "store and distribute container images",
                "garbage-collect", "help", "--version");
    }

    @Test
    void versionPrintsTheBuildsVersion() {
        assertThat(run("--version")).isZero();

        assertThat(out()).matches("berth \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Usage:");
    }

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        assertThat(run("server")).isEqualTo(2);
        assertThat(err()).contains("unknown command \"server\"");
    }

    @Test
    void helpForACommandShowsItsDetails() {
        assertThat(run("help", "serve")).isZero();
        assertThat(out()).contains("Usage: berth serve [config.yml]", "REGISTRY_CONFIGURATION_PATH", "127.0.0.1:5000");

        out.reset();
        assertThat(run("serve", "--help")).isZero();
        assertThat(out()).contains("Usage: berth serve [config.yml]");
    }

    @Test
    void serveWithTooManyArgumentsIsAUsageError() {
        assertThat(run("serve", "a.yml", "b.yml")).isEqualTo(2);
        assertThat(err()).contains("expected at most one argument");
    }

    @Test
    void serveWithAMissingFileFailsSayingSo() {
        assertThat(run("serve", "/nonexistent/config.yml")).isEqualTo(1);
        assertThat(err()).contains("berth serve: configuration file /nonexistent/config.yml does not exist");
    }

    @Test
    void serveWithABrokenFileFailsNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nstorage:\n  inmemory:\nhttp:\n  draintimeout: later\n");

        assertThat(run("serve", config.toString())).isEqualTo(1);
        assertThat(err()).contains("http.draintimeout must be a duration");
    }

    @Test
    void serveReadsTheFileNamedByRegistryConfigurationPath() {
        assertThat(run(Main.commands(), Map.of("REGISTRY_CONFIGURATION_PATH", "/nonexistent/from-env.yml"), "serve"))
                .isEqualTo(1);
        assertThat(err()).contains("/nonexistent/from-env.yml does not exist");
    }

    @Test
    void subcommandsArePluggableAndGetTheirArguments() {
        List<List<String>> seen = new ArrayList<>();
        Command echo = command("garbage-collect", "[--dry-run] config.yml", "delete blobs no manifest references",
                arguments -> {
                    seen.add(arguments);
                    return 0;
                });

        assertThat(run(List.of(echo), Map.of(), "garbage-collect", "--dry-run", "config.yml")).isZero();
        assertThat(seen).containsExactly(List.of("--dry-run", "config.yml"));
        assertThat(run(List.of(echo), Map.of(), "--help")).isZero();
        assertThat(out()).contains("garbage-collect", "delete blobs no manifest references");
        out.reset();
        assertThat(run(List.of(echo), Map.of(), "help", "garbage-collect")).isZero();
        assertThat(out()).contains("Usage: berth garbage-collect [--dry-run] config.yml");
    }

    @Test
    void aFailingCommandReportsTheMessageAndItsCauses() {
        Command failing = command("fail", "", "fails", arguments -> {
            throw new IllegalStateException("cannot start", new IOException("disk full"));
        });

        assertThat(run(List.of(failing), Map.of(), "fail")).isEqualTo(1);
        assertThat(err()).contains("berth fail: cannot start: disk full");
    }

    /** A command whose run is {@code body}. */
    private static Command command(String name, String arguments, String summary, Function<List<String>, Integer> body) {
        return new Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String arguments() {
                return arguments;
            }

            @Override
            public String summary() {
                return summary;
            }

            @Override
            public int run(List<String> args, CommandContext context) {
                return body.apply(args);
            }
        };
    }
}

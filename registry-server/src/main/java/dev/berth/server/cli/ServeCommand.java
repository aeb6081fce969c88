package dev.berth.server.cli;

import dev.berth.server.config.AssembledRegistry;
import dev.berth.server.config.ConfigException;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.config.ServerAssembly;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code berth serve [config.yml]}: runs the registry until SIGTERM or Ctrl-C, then stops
 * accepting connections and lets requests in flight finish ({@code http.draintimeout}, 30
 * seconds by default) before exiting.
 */
final class ServeCommand implements Command {

    /** Where distribution's {@code registry serve} looks when given no argument. */
    static final String CONFIGURATION_PATH = "REGISTRY_CONFIGURATION_PATH";

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String arguments() {
        return "[config.yml]";
    }

    @Override
    public String summary() {
        return "store and distribute container images";
    }

    @Override
    public String details() {
        return """
                Reads distribution's config.yml. Without one (and without REGISTRY_CONFIGURATION_PATH)
                it serves the embedded default: 127.0.0.1:5000, filesystem storage under
                ./registry-data, delete enabled, no authentication.

                REGISTRY_<SECTION>_<KEY> environment variables override the file as in distribution,
                e.g. REGISTRY_HTTP_ADDR=:5000 or REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY=/data.

                SIGTERM or Ctrl-C stops it after the requests in flight finish.
                """;
    }

    @Override
    public int run(List<String> arguments, CommandContext context) throws IOException, InterruptedException {
        if (arguments.size() > 1 || (arguments.size() == 1 && arguments.get(0).startsWith("-"))) {
            context.err().println("berth serve: expected at most one argument, a config.yml; got " + arguments);
            return Main.USAGE;
        }
        RegistryConfig config = load(arguments, context.environment());
        Logging.configure(config.log());
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        config.warnings().forEach(log::warn);

        AssembledRegistry registry = ServerAssembly.builder(config).warnings(log::warn).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: no new connections, letting requests in flight finish");
            try {
                registry.close();
            } finally {
                log.info("stopped");
                stopped.countDown();
            }
        }, "berth-shutdown"));
        stopped.await();
        return 0;
    }

    private static RegistryConfig load(List<String> arguments, Map<String, String> environment) throws IOException {
        String path = !arguments.isEmpty() ? arguments.get(0) : environment.getOrDefault(CONFIGURATION_PATH, "");
        if (path.isEmpty()) {
            return RegistryConfig.defaults(environment);
        }
        try {
            return RegistryConfig.load(Path.of(path), environment);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + path + " does not exist", e);
        }
    }
}

package dev.berth.examples.standalone;

import dev.berth.server.config.AssembledRegistry;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.config.ServerAssembly;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A registry from distribution's {@code config.yml} (with {@code REGISTRY_*} environment
 * overrides), as {@code ./berth serve} runs it. Without a file, the embedded default:
 * 127.0.0.1:5000, filesystem storage under {@code ./registry-data}, delete enabled, no auth.
 * Any storage driver whose module is on the classpath can be named in the file.
 *
 * <pre>
 * mvn -q -pl examples/standalone -am compile exec:java -Dexec.args="config.yml"
 * </pre>
 */
public final class StandaloneRegistry {

    private StandaloneRegistry() {
    }

    /** Starts the registry {@code config} describes (the default when null), warning about what it ignores. */
    public static AssembledRegistry start(Path config, Map<String, String> environment) throws IOException {
        RegistryConfig settings = config == null
                ? RegistryConfig.defaults(environment)
                : RegistryConfig.load(config, environment);
        return ServerAssembly.builder(settings)
                .warnings(warning -> System.err.println("warning: " + warning))
                .build()
                .start();
    }

    public static void main(String[] args) throws Exception {
        AssembledRegistry registry = start(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            stopped.countDown();
        }));
        System.out.println("registry listening on " + registry.baseUri());
        stopped.await();
    }
}

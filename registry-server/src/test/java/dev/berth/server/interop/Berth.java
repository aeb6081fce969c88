package dev.berth.server.interop;

import dev.berth.server.config.AssembledRegistry;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.config.ServerAssembly;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Berth in-process, assembled from a config.yml as `berth serve` does, on a free loopback port. */
final class Berth {

    private Berth() {
    }

    static AssembledRegistry serve(Path rootDirectory) throws IOException {
        RegistryConfig config = RegistryConfig.parse("""
                version: 0.1
                log:
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:0
                  secret: interop-test
                """.formatted(rootDirectory.toAbsolutePath()), "interop config", Map.of());
        return ServerAssembly.builder(config).build().start();
    }

    static String authority(AssembledRegistry registry) {
        return registry.baseUri().getAuthority();
    }
}

package dev.berth.server.interop;

import dev.berth.server.config.AssembledRegistry;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.config.ServerAssembly;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * Berth in-process, assembled from a config.yml as {@code berth serve} does, on a free
 * loopback port, over TLS with a throwaway certificate (see {@link SelfSignedTls} for why).
 */
final class Berth implements AutoCloseable {

    private final AssembledRegistry registry;
    private final SelfSignedTls tls;

    private Berth(AssembledRegistry registry, SelfSignedTls tls) {
        this.registry = registry;
        this.tls = tls;
    }

    static Berth serve(Path rootDirectory, Path workDirectory) throws IOException, GeneralSecurityException {
        SelfSignedTls tls = SelfSignedTls.write(workDirectory);
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
                  draintimeout: 1ms
                  tls:
                    certificate: %s
                    key: %s
                """.formatted(rootDirectory.toAbsolutePath(), tls.certificate(), tls.key()), "interop config", Map.of());
        return new Berth(ServerAssembly.builder(config).build().start(), tls);
    }

    /** {@code host:port}, as skopeo's docker:// references want it. */
    String authority() {
        return registry.baseUri().getAuthority();
    }

    RegistryProbe probe() {
        return new RegistryProbe(registry.baseUri(), tls.clientContext());
    }

    @Override
    public void close() {
        registry.close();
    }
}

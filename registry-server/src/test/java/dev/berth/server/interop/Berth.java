package dev.berth.server.interop;

import dev.berth.server.TestCertificates;
import dev.berth.server.config.AssembledRegistry;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.config.ServerAssembly;
import dev.berth.server.conformance.TestClient;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * Berth in-process, assembled from a config.yml as {@code berth serve} does, on a free
 * loopback port, over TLS with a throwaway certificate.
 *
 * <p>Why TLS: clients told to skip verification (skopeo's {@code --tls-verify=false}, docker
 * for insecure registries) try HTTPS first, and the JDK's HTTP server, given a TLS
 * ClientHello on a plain port, waits for a line end that never comes until the client's 10 s
 * handshake timeout. Over TLS, each skopeo command starts at once.
 */
final class Berth implements AutoCloseable {

    private final AssembledRegistry registry;
    private final TestCertificates tls;

    private Berth(AssembledRegistry registry, TestCertificates tls) {
        this.registry = registry;
        this.tls = tls;
    }

    static Berth serve(Path rootDirectory, Path workDirectory) throws IOException, GeneralSecurityException {
        TestCertificates tls = TestCertificates.selfSigned(workDirectory);
        RegistryConfig config = RegistryConfig.parse(Tools.configYml(rootDirectory, """
                  addr: 127.0.0.1:0
                  draintimeout: 1ms
                  tls:
                    certificate: %s
                    key: %s
                """.formatted(tls.certificate(), tls.key())), "interop config", Map.of());
        return new Berth(ServerAssembly.builder(config).build().start(), tls);
    }

    /** {@code host:port}, as skopeo's docker:// references want it. */
    String authority() {
        return registry.baseUri().getAuthority();
    }

    RegistryProbe probe() {
        return new RegistryProbe(registry.baseUri(), TestClient.trusting(tls.x509()));
    }

    @Override
    public void close() {
        registry.close();
    }
}

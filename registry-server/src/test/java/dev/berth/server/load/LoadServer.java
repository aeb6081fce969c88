package dev.berth.server.load;

import dev.berth.server.RegistryServer;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Berth embedded on the JDK's server, on filesystem storage, for the load scripts:
 * {@code LoadServer <root> <port>} (the program, {@code berth.jar serve}, runs on Jetty). Runs
 * until killed; SIGTERM stops it gracefully.
 */
public final class LoadServer {

    private LoadServer() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        RegistryServer server = RegistryServer.builder()
                .registry(StorageRegistry.builder(new FilesystemDriver(root)).build())
                .httpSecret("load").deleteEnabled(true).port(port).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("berth (embedded) listening on 127.0.0.1:" + port);
        stopped.await();
    }
}

package dev.berth.server.load;

import dev.berth.server.RegistryServer;
import dev.berth.server.http.RegistryHandler;
import dev.berth.server.servlet.RegistryServlet;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Berth on filesystem storage for the load scripts: {@code LoadServer <root> <port> [jdk|jetty]}
 * (the embedded JDK server by default, or the servlet inside Jetty 12). Runs until killed;
 * SIGTERM stops it gracefully.
 */
public final class LoadServer {

    private LoadServer() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String transport = args.length > 2 ? args[2] : "jdk";
        RegistryHandler handler = RegistryHandler.builder()
                .registry(StorageRegistry.builder(new FilesystemDriver(root)).build())
                .httpSecret("load").deleteEnabled(true).build();
        AutoCloseable server = transport.equals("jetty") ? jetty(handler, port)
                : RegistryServer.builder().handler(handler).port(port).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        System.out.println("berth (" + transport + ") listening on 127.0.0.1:" + port);
        stopped.await();
    }

    private static AutoCloseable jetty(RegistryHandler handler, int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new RegistryServlet(handler)), "/v2/*");
        server.setHandler(context);
        server.start();
        return server::stop;
    }
}

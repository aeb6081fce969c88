package dev.berth.app;

import dev.berth.server.GracefulStopTest;
import dev.berth.server.ServerTransport;

/** A stopping program lets requests in flight finish and turns new ones away, as the embedded server does. */
class JettyGracefulStopTest extends GracefulStopTest {

    @Override
    protected ServerTransport transport() {
        return new JettyTransport();
    }
}

/**
 * The {@code berth} program's own parts: what {@code registry-server} leaves to the application
 * that runs it. Today that is its HTTP server, {@link dev.berth.app.JettyTransport}.
 */
package dev.berth.app;

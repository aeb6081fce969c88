package dev.berth.server.http;

import dev.berth.auth.AccessController;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.Scope;
import java.util.List;

/** Asks the {@link AccessController} about a request's scopes, with its credentials. */
final class AccessGate {

    private final AccessController controller;

    AccessGate(AccessController controller) {
        this.controller = controller;
    }

    AccessDecision check(List<Scope> scopes, HttpRequest request) {
        return controller.authorize(new AccessRequest(scopes, request.header("Authorization"), request.remoteAddress()));
    }

    boolean allows(Scope scope, HttpRequest request) {
        return check(List.of(scope), request) instanceof AccessDecision.Granted;
    }
}

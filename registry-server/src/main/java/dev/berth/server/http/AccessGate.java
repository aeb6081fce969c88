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
        // Host and X-Forwarded-Proto let token auth's autoredirect name this registry as the realm.
        return controller.authorize(new AccessRequest(scopes, request.header("Authorization"), request.remoteAddress(),
                request.header("Host"), request.header("X-Forwarded-Proto")));
    }

    boolean allows(Scope scope, HttpRequest request) {
        return check(List.of(scope), request) instanceof AccessDecision.Granted;
    }
}

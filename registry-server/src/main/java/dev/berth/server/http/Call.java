package dev.berth.server.http;

import dev.berth.api.RepositoryName;
import dev.berth.api.store.Repository;

/**
 * One request on its way through the endpoints: the request, its route, the validated
 * repository (null for base and catalog) and what interceptors will be told about it.
 */
record Call(HttpRequest request, Route route, RepositoryName name, Repository repository, RouteInfo info) {

    HttpResponse respond(int status, HttpHeaders.Builder headers) {
        return new HttpResponse(status, headers.build(), ResponseBody.empty(), info);
    }

    HttpResponse respond(int status, HttpHeaders.Builder headers, ResponseBody body) {
        return new HttpResponse(status, headers.build(), body, info);
    }

    boolean isHead() {
        return request.method().equals("HEAD");
    }

    String repositoryPath() {
        return "/v2/" + name.value();
    }
}

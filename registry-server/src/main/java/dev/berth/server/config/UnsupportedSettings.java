package dev.berth.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a configuration that Berth reads but does not act on yet, each with what
 * that means for the running registry. The program prints them at startup so that nothing
 * in a config.yml is silently ignored. When a setting gets wired, its line goes.
 */
final class UnsupportedSettings {

    private UnsupportedSettings() {
    }

    static List<String> of(RegistryConfig config) {
        List<String> notes = new ArrayList<>();
        LogConfig log = config.log();
        if (!log.formatter().equals("text")) {
            notes.add(note("log.formatter " + log.formatter() + " beyond the access log",
                    "the access log is " + log.formatter() + ", other lines are text"));
        }
        if (!log.fields().isEmpty()) {
            notes.add(note("log.fields beyond the access log", "only access log lines carry " + log.fields().keySet()));
        }
        if (log.hooks().stream().anyMatch(hook -> !hook.disabled())) {
            notes.add(note("log.hooks", "no mail is sent on errors"));
        }
        if (log.reportCaller()) {
            notes.add(note("log.reportcaller", "log lines do not name the calling method"));
        }
        StorageConfig storage = config.storage();
        storage.blobDescriptorCache().ifPresent(cache -> notes.add(note("storage.cache.blobdescriptor " + cache,
                "blob descriptors are read from storage on each request")));
        HttpConfig http = config.http();
        if (!http.tls().clientCas().isEmpty()) {
            notes.add(note("http.tls.clientcas", "client certificates are not requested"));
        }
        http.tls().minimumTls().ifPresent(minimum -> notes.add(note("http.tls.minimumtls",
                "the JDK's default TLS versions apply")));
        if (!http.tls().cipherSuites().isEmpty()) {
            notes.add(note("http.tls.ciphersuites", "the JDK's default cipher suites apply"));
        }
        http.tls().letsEncrypt().ifPresent(letsEncrypt -> notes.add(note("http.tls.letsencrypt",
                "no certificate is obtained; give http.tls.certificate and key")));
        config.redis().ifPresent(redis -> notes.add(note("redis", "nothing is cached in Redis")));
        config.proxy().ifPresent(proxy -> notes.add(note("proxy",
                "this is a plain registry, not a pull-through cache of " + proxy.remoteUrl())));
        if (config.reporting().any()) {
            notes.add(note("reporting", "errors are only logged"));
        }
        if (config.middleware().any()) {
            notes.add(note("middleware", "no middleware is applied"));
        }
        if (config.catalogMaxEntries() != 1000) {
            notes.add(note("catalog.maxentries", "catalog pages are not capped at " + config.catalogMaxEntries()));
        }
        if (!config.policyRepositoryClasses().isEmpty()) {
            notes.add(note("policy.repository.classes", "manifests of any configuration type are accepted"));
        }
        config.schema1().signingKeyFile().ifPresent(file -> notes.add(note("compatibility.schema1.signingkeyfile",
                "schema 1 manifests are never signed by the registry")));
        return notes;
    }

    private static String note(String setting, String consequence) {
        return setting + " is not yet supported: " + consequence;
    }
}

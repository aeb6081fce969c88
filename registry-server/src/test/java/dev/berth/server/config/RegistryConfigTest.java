package dev.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryConfigTest {

    private static RegistryConfig parse(String yaml) {
        return RegistryConfig.parse(yaml, "config.yml", Map.of());
    }

    private static final String MINIMAL = """
            version: 0.1
            storage:
              inmemory:
            """;

    @Test
    void minimalConfigGetsDistributionsDefaults() {
        RegistryConfig config = parse(MINIMAL);

        assertThat(config.warnings()).isEmpty();
        assertThat(config.storage().driverName()).isEqualTo("inmemory");
        assertThat(config.storage().deleteEnabled()).isFalse();
        assertThat(config.storage().redirectDisabled()).isFalse();
        assertThat(config.storage().maintenance().readOnly()).isFalse();
        assertThat(config.storage().maintenance().uploadPurging()).isEqualTo(StorageConfig.UploadPurging.DEFAULT);
        assertThat(config.log().level()).isEqualTo(LogConfig.Level.INFO);
        assertThat(config.log().formatter()).isEqualTo("text");
        assertThat(config.http().addr()).isEqualTo(":5000");
        assertThat(config.http().bindHost()).isEmpty();
        assertThat(config.http().port()).isEqualTo(5000);
        assertThat(config.http().secret()).isEmpty();
        assertThat(config.auth()).isEmpty();
        assertThat(config.notifications().endpoints()).isEmpty();
        assertThat(config.health().anyCheck()).isFalse();
        assertThat(config.redis()).isEmpty();
        assertThat(config.proxy()).isEmpty();
        assertThat(config.reporting().any()).isFalse();
        assertThat(config.middleware().any()).isFalse();
        assertThat(config.catalogMaxEntries()).isEqualTo(1000);
        assertThat(config.schema1().enabled()).isFalse();
        assertThat(config.validation().active()).isTrue();
    }

    @Test
    void embeddedDefaultServesLoopbackFromRegistryDataWithDeleteEnabled() {
        RegistryConfig config = RegistryConfig.defaults(Map.of());

        assertThat(config.warnings()).isEmpty();
        assertThat(config.http().bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(5000);
        assertThat(config.storage().driverName()).isEqualTo("filesystem");
        assertThat(config.storage().driver().string("rootdirectory")).contains("./registry-data");
        assertThat(config.storage().deleteEnabled()).isTrue();
        assertThat(config.auth()).isEmpty();
    }

    @Test
    void debianPackagesSampleConfigParsesWithoutWarnings() {
        // /etc/docker/registry/config.yml as the docker-registry 2.8 package installs it.
        RegistryConfig config = parse("""
                version: 0.1
                log:
                  fields:
                    service: registry
                storage:
                  cache:
                    blobdescriptor: inmemory
                  filesystem:
                    rootdirectory: /var/lib/docker-registry
                  delete:
                    enabled: true
                http:
                  addr: :5000
                  headers:
                    X-Content-Type-Options: [nosniff]
                auth:
                  htpasswd:
                    realm: basic-realm
                    path: /etc/docker/registry
                health:
                  storagedriver:
                    enabled: true
                    interval: 10s
                    threshold: 3
                """);

        assertThat(config.warnings()).isEmpty();
        assertThat(config.log().fields()).containsEntry("service", "registry");
        assertThat(config.storage().blobDescriptorCache()).contains("inmemory");
        assertThat(config.storage().driver().string("rootdirectory")).contains("/var/lib/docker-registry");
        assertThat(config.http().headers()).containsEntry("X-Content-Type-Options", List.of("nosniff"));
        assertThat(config.auth()).contains(new AuthConfig.Htpasswd("basic-realm", Path.of("/etc/docker/registry")));
        assertThat(config.health().storageDriver()).isEqualTo(
                new HealthConfig.StorageDriverCheck(true, Duration.ofSeconds(10), 3));
    }

    @Test
    void installedDistributionConfigParsesWithoutWarningsWhenPresent() throws Exception {
        Path installed = Path.of("/etc/docker/registry/config.yml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(installed),
                "the docker-registry package is not installed (.ci/run installs it)");

        RegistryConfig config = RegistryConfig.load(installed, Map.of());

        assertThat(config.warnings()).isEmpty();
        assertThat(config.storage().driverName()).isEqualTo("filesystem");
    }

    @Test
    void everyDocumentedSectionIsReadIntoItsRecord() {
        RegistryConfig config = parse("""
                version: 0.1
                log:
                  accesslog:
                    disabled: true
                  level: debug
                  formatter: json
                  fields:
                    service: registry
                    environment: staging
                  hooks:
                    - type: mail
                      disabled: true
                      levels: [panic]
                      options:
                        smtp:
                          addr: mail.example.com:25
                          username: mailuser
                          password: password
                          insecure: true
                        from: sender@example.com
                        to: [errors@example.com]
                storage:
                  s3:
                    accesskey: awsaccesskey
                    secretkey: awssecretkey
                    region: us-west-1
                    regionendpoint: http://myobjects.local
                    bucket: bucketname
                    encrypt: true
                    secure: true
                    v4auth: true
                    chunksize: 5242880
                    rootdirectory: /s3/object/name/prefix
                  delete:
                    enabled: true
                  redirect:
                    disable: true
                  cache:
                    blobdescriptor: redis
                  maintenance:
                    uploadpurging:
                      enabled: true
                      age: 72h
                      interval: 12h
                      dryrun: true
                    readonly:
                      enabled: true
                auth:
                  token:
                    realm: https://auth.example.com/token
                    service: registry.example.com
                    issuer: auth-issuer
                    rootcertbundle: /root/certs/bundle
                    signingalgorithms: [RS256, ES256]
                    autoredirect: true
                middleware:
                  storage:
                    - name: cloudfront
                      options:
                        baseurl: https://my.cloudfronted.domain.com/
                        duration: 3000s
                reporting:
                  bugsnag:
                    apikey: bugsnagapikey
                    releasestage: production
                  newrelic:
                    licensekey: newreliclicensekey
                    name: newrelicname
                    verbose: true
                http:
                  addr: localhost:5001
                  host: https://myregistryaddress.org:5000
                  prefix: /my/nested/registry/
                  secret: asecretforlocaldevelopment
                  relativeurls: true
                  draintimeout: 60s
                  tls:
                    certificate: /path/to/x509/public
                    key: /path/to/x509/private
                    clientcas: [/path/to/ca.pem]
                    minimumtls: tls1.2
                    letsencrypt:
                      cachefile: /path/to/cache-file
                      email: emailused@letsencrypt.com
                      hosts: [myregistryaddress.org]
                  debug:
                    addr: localhost:5002
                    prometheus:
                      enabled: true
                      path: /metrics
                  headers:
                    X-Content-Type-Options: [nosniff]
                  http2:
                    disabled: true
                notifications:
                  events:
                    includereferences: true
                  endpoints:
                    - name: alistener
                      disabled: false
                      url: https://my.listener.com/event
                      headers:
                        Authorization: [Bearer secret]
                      timeout: 500ms
                      threshold: 5
                      backoff: 1s
                      ignoredmediatypes:
                        - application/octet-stream
                      ignore:
                        mediatypes:
                          - application/octet-stream
                        actions:
                          - pull
                redis:
                  addr: localhost:6379
                  password: asecret
                  db: 0
                  dialtimeout: 10ms
                  readtimeout: 10ms
                  writetimeout: 10ms
                  pool:
                    maxidle: 16
                    maxactive: 64
                    idletimeout: 300s
                  tls:
                    enabled: false
                health:
                  storagedriver:
                    enabled: true
                    interval: 10s
                    threshold: 3
                  file:
                    - file: /path/to/checked/file
                      interval: 10s
                  http:
                    - uri: http://server.to.check/must/return/200
                      headers:
                        Authorization: [Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==]
                      statuscode: 200
                      timeout: 3s
                      interval: 10s
                      threshold: 3
                  tcp:
                    - addr: redis-server.domain.com:6379
                      timeout: 3s
                      interval: 10s
                      threshold: 3
                catalog:
                  maxentries: 100
                proxy:
                  remoteurl: https://registry-1.docker.io
                  username: user
                  password: pass
                compatibility:
                  schema1:
                    signingkeyfile: /etc/registry/key.json
                    enabled: true
                validation:
                  manifests:
                    urls:
                      allow:
                        - ^https?://([^/]+\\.)*example\\.com/
                      deny:
                        - ^https?://www\\.example\\.com/
                policy:
                  repository:
                    classes: [image]
                """);

        assertThat(config.warnings()).isEmpty();
        LogConfig log = config.log();
        assertThat(log.level()).isEqualTo(LogConfig.Level.DEBUG);
        assertThat(log.formatter()).isEqualTo("json");
        assertThat(log.accessLogDisabled()).isTrue();
        assertThat(log.fields()).containsEntry("environment", "staging");
        assertThat(log.hooks()).singleElement().satisfies(hook -> {
            assertThat(hook.disabled()).isTrue();
            assertThat(hook.mail()).get().extracting(LogConfig.Mail::smtpAddr).isEqualTo("mail.example.com:25");
            assertThat(hook.mail().get().to()).containsExactly("errors@example.com");
        });

        StorageConfig storage = config.storage();
        assertThat(storage.driverName()).isEqualTo("s3");
        assertThat(storage.driver().string("bucket")).contains("bucketname");
        assertThat(storage.driver().bytes("chunksize", 0)).isEqualTo(5_242_880);
        assertThat(storage.deleteEnabled()).isTrue();
        assertThat(storage.redirectDisabled()).isTrue();
        assertThat(storage.blobDescriptorCache()).contains("redis");
        assertThat(storage.maintenance()).isEqualTo(new StorageConfig.Maintenance(true,
                new StorageConfig.UploadPurging(true, Duration.ofHours(72), Duration.ofHours(12), true)));

        assertThat(config.auth()).get().isInstanceOfSatisfying(AuthConfig.Token.class, token -> {
            assertThat(token.realm()).isEqualTo("https://auth.example.com/token");
            assertThat(token.service()).isEqualTo("registry.example.com");
            assertThat(token.issuer()).isEqualTo("auth-issuer");
            assertThat(token.rootCertBundle()).contains(Path.of("/root/certs/bundle"));
            assertThat(token.signingAlgorithms()).containsExactly("RS256", "ES256");
            assertThat(token.autoRedirect()).isTrue();
            assertThat(token.autoRedirectPath()).isEqualTo("/auth/token");
        });
        assertThat(config.middleware().storage()).singleElement().satisfies(middleware -> {
            assertThat(middleware.name()).isEqualTo("cloudfront");
            assertThat(middleware.options()).containsEntry("duration", "3000s");
        });
        assertThat(config.reporting().bugsnag()).get().extracting(ReportingConfig.Bugsnag::releaseStage).isEqualTo("production");
        assertThat(config.reporting().newRelic()).get().extracting(ReportingConfig.NewRelic::verbose).isEqualTo(true);

        HttpConfig http = config.http();
        assertThat(http.bindHost()).isEqualTo("localhost");
        assertThat(http.port()).isEqualTo(5001);
        assertThat(http.host()).contains(URI.create("https://myregistryaddress.org:5000"));
        assertThat(http.prefix()).isEqualTo("/my/nested/registry/");
        assertThat(http.secret()).contains("asecretforlocaldevelopment");
        assertThat(http.relativeUrls()).isTrue();
        assertThat(http.drainTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(http.tls().certificate()).contains(Path.of("/path/to/x509/public"));
        assertThat(http.tls().key()).contains(Path.of("/path/to/x509/private"));
        assertThat(http.tls().clientCas()).containsExactly(Path.of("/path/to/ca.pem"));
        assertThat(http.tls().minimumTls()).contains("tls1.2");
        assertThat(http.tls().letsEncrypt()).get().extracting(HttpConfig.LetsEncrypt::hosts).isEqualTo(List.of("myregistryaddress.org"));
        assertThat(http.debug()).contains(new HttpConfig.Debug("localhost:5002", true, "/metrics"));
        assertThat(http.http2Disabled()).isTrue();

        NotificationsConfig notifications = config.notifications();
        assertThat(notifications.includeReferences()).isTrue();
        assertThat(notifications.endpoints()).singleElement().isEqualTo(new NotificationsConfig.Endpoint(
                "alistener", false, URI.create("https://my.listener.com/event"),
                Map.of("Authorization", List.of("Bearer secret")), Duration.ofMillis(500), 5, Duration.ofSeconds(1),
                List.of("application/octet-stream"), List.of("pull")));

        assertThat(config.redis()).get().satisfies(redis -> {
            assertThat(redis.addr()).isEqualTo("localhost:6379");
            assertThat(redis.password()).contains("asecret");
            assertThat(redis.dialTimeout()).isEqualTo(Duration.ofMillis(10));
            assertThat(redis.poolMaxActive()).isEqualTo(64);
            assertThat(redis.poolIdleTimeout()).isEqualTo(Duration.ofSeconds(300));
        });

        HealthConfig health = config.health();
        assertThat(health.files()).containsExactly(new HealthConfig.FileCheck(Path.of("/path/to/checked/file"), Duration.ofSeconds(10), 0));
        assertThat(health.http()).singleElement().satisfies(check -> {
            assertThat(check.statusCode()).isEqualTo(200);
            assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(check.headers()).containsKey("Authorization");
        });
        assertThat(health.tcp()).containsExactly(new HealthConfig.TcpCheck("redis-server.domain.com:6379",
                Duration.ofSeconds(3), Duration.ofSeconds(10), 3));

        assertThat(config.catalogMaxEntries()).isEqualTo(100);
        assertThat(config.proxy()).contains(new ProxyConfig(URI.create("https://registry-1.docker.io"),
                Optional.of("user"), Optional.of("pass"), Duration.ofDays(7)));
        assertThat(config.schema1()).isEqualTo(new RegistryConfig.Schema1(true, Optional.of(Path.of("/etc/registry/key.json"))));
        assertThat(config.validation().allowUrls()).singleElement()
                .satisfies(pattern -> assertThat(pattern.matcher("https://foo.example.com/layer").find()).isTrue());
        assertThat(config.validation().denyUrls()).hasSize(1);
        assertThat(config.policyRepositoryClasses()).containsExactly("image");
    }

    @Test
    void unknownKeysAreWarningsNamingTheFullPath() {
        RegistryConfig config = parse("""
                version: 0.1
                storage:
                  inmemory:
                  maintenance:
                    readonly:
                      enabled: false
                      enabeld: true
                http:
                  addr: :5000
                  relativeurl: true
                  Secret: x
                notifications:
                  endpoints:
                    - name: a
                      url: http://listener/
                      retries: 3
                auth:
                  htpasswd:
                    realm: r
                    path: /p
                    file: /q
                loging:
                  level: debug
                """);

        assertThat(config.warnings()).containsExactlyInAnyOrder(
                "unknown configuration key 'storage.maintenance.readonly.enabeld' is ignored",
                "unknown configuration key 'http.relativeurl' is ignored",
                "unknown configuration key 'http.Secret' is ignored (keys are lower case: did you mean 'http.secret'?)",
                "unknown configuration key 'notifications.endpoints[0].retries' is ignored",
                "unknown configuration key 'auth.htpasswd.file' is ignored",
                "unknown configuration key 'loging' is ignored");
    }

    @Test
    void deprecatedTopLevelLoglevelIsUsedWhenLogLevelIsAbsent() {
        assertThat(parse(MINIMAL + "loglevel: warn\n").log().level()).isEqualTo(LogConfig.Level.WARN);
        assertThat(parse(MINIMAL + "loglevel: warn\nlog:\n  level: error\n").log().level()).isEqualTo(LogConfig.Level.ERROR);
    }

    @Test
    void storageAsABareDriverNameMeansThatDriverWithoutParameters() {
        RegistryConfig config = parse("version: 0.1\nstorage: inmemory\n");

        assertThat(config.storage().driverName()).isEqualTo("inmemory");
        assertThat(config.storage().driver().asMap()).isEmpty();
    }

    @Test
    void nestedDriverParametersArePassedAsJson() {
        RegistryConfig config = parse("""
                version: 0.1
                storage:
                  gcs:
                    bucket: b
                    credentials:
                      type: service_account
                      project_id: p
                """);

        assertThat(config.storage().driver().string("credentials"))
                .contains("{\"type\":\"service_account\",\"project_id\":\"p\"}");
    }

    @Test
    void yamlOneOneBooleansAreAcceptedAsInGo() {
        RegistryConfig config = parse(MINIMAL + "  delete:\n    enabled: yes\nhttp:\n  relativeurls: On\n");

        assertThat(config.storage().deleteEnabled()).isTrue();
        assertThat(config.http().relativeUrls()).isTrue();
    }

    @Test
    void bareNumberDurationIsNanosecondsWithAWarning() {
        RegistryConfig config = parse(MINIMAL + "http:\n  draintimeout: 30\n");

        assertThat(config.http().drainTimeout()).isEqualTo(Duration.ofNanos(30));
        assertThat(config.warnings()).singleElement().asString().contains("http.draintimeout").contains("nanoseconds");
    }

    @Test
    void notificationEndpointsGetDistributionsDefaults() {
        RegistryConfig config = parse(MINIMAL + """
                notifications:
                  endpoints:
                    - name: e
                      url: http://listener.example/events
                """);

        NotificationsConfig.Endpoint endpoint = config.notifications().endpoints().get(0);
        assertThat(endpoint.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(endpoint.threshold()).isEqualTo(10);
        assertThat(endpoint.backoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void loadReadsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, MINIMAL);

        assertThat(RegistryConfig.load(file, Map.of()).storage().driverName()).isEqualTo("inmemory");
    }

    @Test
    void unsupportedOrMissingVersionIsRefusedLikeDistribution() {
        assertThatThrownBy(() -> parse("storage: inmemory\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unsupported version: \"\"");
        assertThatThrownBy(() -> parse("version: 0.2\nstorage: inmemory\n"))
                .hasMessageContaining("unsupported version: \"0.2\"");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("unsupported version");
    }

    @Test
    void invalidConfigurationsFailNamingTheKey() {
        assertThatThrownBy(() -> parse("version: 0.1\nhttp:\n  addr: :5000\n"))
                .hasMessageContaining("no storage configuration provided");
        assertThatThrownBy(() -> parse("version: 0.1\nstorage:\n  inmemory:\n  filesystem:\n"))
                .hasMessageContaining("exactly one driver").hasMessageContaining("inmemory, filesystem");
        assertThatThrownBy(() -> parse(MINIMAL + "http:\n  draintimeout: soon\n"))
                .hasMessageContaining("http.draintimeout must be a duration");
        assertThatThrownBy(() -> parse(MINIMAL + "  delete:\n    enabled: maybe\n"))
                .hasMessageContaining("storage.delete.enabled must be true or false, not 'maybe'");
        assertThatThrownBy(() -> parse(MINIMAL + "  maintenance:\n    readonly: true\n"))
                .hasMessageContaining("storage.maintenance.readonly must be a mapping, such as readonly: {enabled: true}");
        assertThatThrownBy(() -> parse(MINIMAL + "log:\n  level: verbose\n"))
                .hasMessageContaining("log.level must be one of error, warn, info, debug, not 'verbose'");
        assertThatThrownBy(() -> parse(MINIMAL + "http:\n  addr: 5000\n"))
                .hasMessageContaining("http.addr must be host:port or :port");
        assertThatThrownBy(() -> parse(MINIMAL + "http:\n  host: registry.example.com\n"))
                .hasMessageContaining("http.host must be an absolute URL");
        assertThatThrownBy(() -> parse(MINIMAL + "http:\n  tls:\n    certificate: /c\n"))
                .hasMessageContaining("http.tls needs both certificate and key");
        assertThatThrownBy(() -> parse(MINIMAL + "auth:\n  htpasswd:\n    realm: r\n"))
                .hasMessageContaining("auth.htpasswd.path is required");
        assertThatThrownBy(() -> parse(MINIMAL + "auth:\n  ldap:\n    url: x\n"))
                .hasMessageContaining("type 'ldap' is unknown");
        assertThatThrownBy(() -> parse(MINIMAL + "auth:\n  token:\n    realm: r\n    service: s\n    issuer: i\n"))
                .hasMessageContaining("auth.token needs rootcertbundle or jwks");
        assertThatThrownBy(() -> parse(MINIMAL + "validation:\n  manifests:\n    urls:\n      allow: ['(']\n"))
                .hasMessageContaining("validation.manifests.urls.allow holds an invalid regular expression");
        assertThatThrownBy(() -> parse("version: 0.1\nstorage: [inmemory\n"))
                .hasMessageContaining("config.yml is not valid YAML");
    }

    @Test
    void ipv6BindAddressesAreUnderstood() {
        HttpConfig http = parse(MINIMAL + "http:\n  addr: '[::1]:5443'\n").http();

        assertThat(http.bindHost()).isEqualTo("::1");
        assertThat(http.port()).isEqualTo(5443);
    }
}

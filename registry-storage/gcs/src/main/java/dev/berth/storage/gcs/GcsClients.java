package dev.berth.storage.gcs;

import com.google.api.client.http.HttpRequestFactory;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.IOException;

/** The SDK client (JSON API over HTTP) and, on its transport and credentials, the resumable-upload requests. */
final class GcsClients {

    /**
     * Object operations name no project, but the SDK looks one up when none is set, which may
     * ask the metadata server: a fixed placeholder keeps startup free of network calls.
     */
    private static final String UNUSED_PROJECT = "berth";

    private GcsClients() {
    }

    static StorageOptions options(GcsSettings settings) {
        StorageOptions.Builder builder = StorageOptions.http()
                .setProjectId(UNUSED_PROJECT)
                .setCredentials(credentials(settings));
        settings.endpoint().ifPresent(endpoint -> builder.setHost(endpoint.toString()));
        return builder.build();
    }

    static ResumableUploads resumableUploads(StorageOptions options, String bucket) {
        HttpTransportOptions transport = (HttpTransportOptions) options.getTransportOptions();
        HttpRequestFactory requests = transport.getHttpTransportFactory().create()
                .createRequestFactory(transport.getHttpRequestInitializer(options));
        return new ResumableUploads(requests, options.getHost(), bucket);
    }

    static Storage storage(StorageOptions options) {
        return options.getService();
    }

    private static Credentials credentials(GcsSettings settings) {
        if (settings.credentials().isPresent()) {
            return settings.credentials().get();
        }
        if (settings.endpoint().isPresent()) {
            return NoCredentials.getInstance();
        }
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new IllegalArgumentException("storage.gcs: neither keyfile nor credentials is set, and no "
                    + "application default credentials were found (GOOGLE_APPLICATION_CREDENTIALS, gcloud, "
                    + "metadata server): " + e.getMessage(), e);
        }
    }
}

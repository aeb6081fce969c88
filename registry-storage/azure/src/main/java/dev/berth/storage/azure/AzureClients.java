package dev.berth.storage.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.lang.reflect.InvocationTargetException;

/** Builds the service client: a shared key when one is configured, else DefaultAzureCredential. */
final class AzureClients {

    static final String DEFAULT_CREDENTIAL_BUILDER = "com.azure.identity.DefaultAzureCredentialBuilder";

    private AzureClients() {
    }

    static BlobServiceClient serviceClient(AzureSettings settings) {
        HttpClient http = new JdkHttpClientBuilder().build();
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .endpoint(settings.serviceUrl().toString())
                .httpClient(http);
        if (settings.accountKey().isPresent()) {
            builder.credential(new StorageSharedKeyCredential(settings.accountName(), settings.accountKey().get()));
        } else {
            builder.credential(defaultCredential(AzureClients.class.getClassLoader()));
        }
        return builder.buildClient();
    }

    /**
     * azure-identity is an optional jar (it brings MSAL and its own HTTP stack): found reflectively,
     * so the driver needs it only when no account key is configured.
     */
    static TokenCredential defaultCredential(ClassLoader loader) {
        Class<?> builderClass;
        try {
            builderClass = Class.forName(DEFAULT_CREDENTIAL_BUILDER, true, loader);
        } catch (ClassNotFoundException absent) {
            throw new IllegalArgumentException("storage.azure.accountkey is not set and com.azure:azure-identity "
                    + "is not on the classpath: set accountkey, or add azure-identity to authenticate with "
                    + "DefaultAzureCredential (managed identity, workload identity, environment, Azure CLI)");
        }
        try {
            Object builder = builderClass.getConstructor().newInstance();
            return (TokenCredential) builderClass.getMethod("build").invoke(builder);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("DefaultAzureCredential could not be built: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("unsupported azure-identity version on the classpath: " + e, e);
        }
    }
}

package dev.berth.storage.gcs;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.EmptyContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GCS resumable uploads over the JSON API, by session URL: the SDK keeps its sessions inside a
 * {@code WriteChannel}, while a registry upload must be continued by another process, which
 * needs the URL itself. Requests go through the SDK's own transport and credentials.
 *
 * <p>A session takes chunks that are multiples of 256 KiB, each answered by {@code 308} and the
 * range persisted so far, and a last chunk that names the total size and creates the object.
 */
final class ResumableUploads {

    private static final Pattern RANGE = Pattern.compile("bytes=0-(\\d+)");
    private static final int RESUME_INCOMPLETE = 308;

    private final HttpRequestFactory requests;
    private final String host;
    private final String bucket;

    ResumableUploads(HttpRequestFactory requests, String host, String bucket) {
        this.requests = requests;
        this.host = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        this.bucket = bucket;
    }

    /** Starts a session that will create {@code objectName}; returns its URL. */
    String start(String objectName) throws IOException {
        GenericUrl url = new GenericUrl(host + "/upload/storage/v1/b/" + encode(bucket) + "/o?uploadType=resumable&name="
                + encode(objectName));
        byte[] metadata = ("{\"name\":\"" + objectName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = requests.buildPostRequest(url, new ByteArrayContent("application/json", metadata));
        request.getHeaders().set("X-Upload-Content-Type", "application/octet-stream");
        HttpResponse response = execute(request);
        try {
            String location = response.getHeaders().getLocation();
            if (response.getStatusCode() != 200 || location == null) {
                throw failure("start a resumable upload of " + objectName, response);
            }
            return location;
        } finally {
            response.disconnect();
        }
    }

    /**
     * Sends {@code length} bytes that belong at {@code from}; with {@code total}, they are the last
     * and the object is created. Returns how many bytes the session has persisted, which may be
     * fewer than were sent; the caller sends the rest again.
     */
    long put(String session, byte[] bytes, int offset, int length, long from, OptionalLong total) throws IOException {
        String range;
        if (length == 0) {
            range = "bytes */" + total.orElseThrow();
        } else {
            range = "bytes " + from + "-" + (from + length - 1) + "/"
                    + (total.isPresent() ? Long.toString(total.getAsLong()) : "*");
        }
        HttpRequest request = requests.buildPutRequest(new GenericUrl(session),
                length == 0 ? new EmptyContent() : new ByteArrayContent(null, bytes, offset, length));
        request.getHeaders().setContentRange(range);
        return persisted(execute(request), session);
    }

    /** Bytes the session has persisted; {@code -1} once it has created its object. */
    long query(String session) throws IOException {
        HttpRequest request = requests.buildPutRequest(new GenericUrl(session), new EmptyContent());
        request.getHeaders().setContentRange("bytes */*");
        return persisted(execute(request), session);
    }

    /** Ends a session without creating its object; a session already gone is fine. */
    void cancel(String session) throws IOException {
        HttpRequest request = requests.buildDeleteRequest(new GenericUrl(session));
        execute(request).disconnect();
    }

    private static long persisted(HttpResponse response, String session) throws IOException {
        try {
            int status = response.getStatusCode();
            if (status == 200 || status == 201) {
                return -1;
            }
            if (status != RESUME_INCOMPLETE) {
                throw failure("resumable upload " + redact(session), response);
            }
            String range = response.getHeaders().getRange();
            if (range == null) {
                return 0;
            }
            Matcher matcher = RANGE.matcher(range);
            if (!matcher.matches()) {
                throw new IOException("gcs: unexpected Range '" + range + "' from resumable upload");
            }
            return Long.parseLong(matcher.group(1)) + 1;
        } finally {
            response.disconnect();
        }
    }

    private static HttpResponse execute(HttpRequest request) throws IOException {
        request.setThrowExceptionOnExecuteError(false);
        request.setFollowRedirects(false); // 308 here means "resume incomplete", not a redirect
        HttpHeaders headers = request.getHeaders();
        headers.setAcceptEncoding(null);
        return request.execute();
    }

    private static IOException failure(String what, HttpResponse response) throws IOException {
        String body = response.parseAsString();
        return new IOException("gcs: " + what + ": " + response.getStatusCode() + " "
                + (body.length() > 300 ? body.substring(0, 300) : body));
    }

    /** The session URL is a bearer credential for the upload: never logged whole. */
    private static String redact(String session) {
        int query = session.indexOf('?');
        return query < 0 ? session : session.substring(0, query) + "?…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

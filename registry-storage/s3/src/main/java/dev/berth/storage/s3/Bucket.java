package dev.berth.storage.s3;

import static dev.berth.storage.s3.S3Errors.call;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * One bucket under one root prefix: maps driver paths to keys and back, and makes the requests
 * that every object write shares (encryption, storage class, ACL). Shared by the driver, its
 * writers and its copier.
 */
final class Bucket {

    /** S3 deletes at most this many keys per request, and lists at most this many per page. */
    static final int BATCH = 1000;
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    final S3Client client;
    final String name;
    final S3DriverConfig config;
    private final String root;

    Bucket(S3Client client, S3DriverConfig config) {
        this.client = client;
        this.name = config.bucket();
        this.config = config;
        this.root = config.rootDirectory();
    }

    /** The key of a (validated) driver path; the root path has the empty key when there is no root directory. */
    String key(String path) {
        String relative = path.substring(1);
        if (root.isEmpty()) {
            return relative;
        }
        return relative.isEmpty() ? root : root + "/" + relative;
    }

    /** The prefix of every key below a path. */
    String prefix(String path) {
        String key = key(path);
        return key.isEmpty() ? "" : key + "/";
    }

    /**
     * The driver path of a key, or empty for keys no driver path can name: directory markers
     * other tools leave ({@code a/}), names with other characters, and the writers' tail objects
     * ({@code data~tail-3}), which are this driver's own bookkeeping.
     */
    Optional<String> path(String key) {
        String relative = root.isEmpty() ? key : key.substring(Math.min(key.length(), root.length() + 1));
        if (!RELATIVE_PATH.matcher(relative).matches()) {
            return Optional.empty();
        }
        for (String component : relative.split("/")) {
            if (component.equals(".") || component.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of("/" + relative);
    }

    PutObjectRequest.Builder put(String key) {
        PutObjectRequest.Builder builder = PutObjectRequest.builder().bucket(name).key(key)
                .contentType(CONTENT_TYPE).acl(config.objectAcl());
        objectAttributes(builder::serverSideEncryption, builder::ssekmsKeyId, builder::storageClass);
        return builder;
    }

    CreateMultipartUploadRequest.Builder createUpload(String key) {
        CreateMultipartUploadRequest.Builder builder = CreateMultipartUploadRequest.builder().bucket(name).key(key)
                .contentType(CONTENT_TYPE).acl(config.objectAcl());
        objectAttributes(builder::serverSideEncryption, builder::ssekmsKeyId, builder::storageClass);
        return builder;
    }

    CopyObjectRequest.Builder copy(String sourceKey, String destinationKey) {
        CopyObjectRequest.Builder builder = CopyObjectRequest.builder()
                .sourceBucket(name).sourceKey(sourceKey).destinationBucket(name).destinationKey(destinationKey)
                .contentType(CONTENT_TYPE).metadataDirective("REPLACE").acl(config.objectAcl());
        objectAttributes(builder::serverSideEncryption, builder::ssekmsKeyId, builder::storageClass);
        return builder;
    }

    /** What every written object carries; the SDK's request builders share no interface for it. */
    private void objectAttributes(Consumer<ServerSideEncryption> encryption, Consumer<String> kmsKeyId,
            Consumer<StorageClass> storageClass) {
        encryption().ifPresent(encryption);
        if (config.encrypt()) {
            config.kmsKeyId().ifPresent(kmsKeyId);
        }
        config.storageClass().ifPresent(storageClass);
    }

    private Optional<ServerSideEncryption> encryption() {
        if (!config.encrypt()) {
            return Optional.empty();
        }
        return Optional.of(config.kmsKeyId().isPresent() ? ServerSideEncryption.AWS_KMS : ServerSideEncryption.AES256);
    }

    /** Writes the first {@code length} bytes of {@code content} as the object at {@code key}. */
    void putObject(String path, String key, byte[] content, int length) throws IOException {
        call(path, () -> client.putObject(put(key).contentLength((long) length).build(), body(content, length)));
    }

    /** A body over part of an array: a fresh stream per attempt, so the SDK signs and retries without a copy. */
    static RequestBody body(byte[] content, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, 0, length), length, CONTENT_TYPE);
    }

    /** The object's metadata, or empty when there is no object at the key. */
    Optional<HeadObjectResponse> head(String path, String key) throws IOException {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.headObject(request -> request.bucket(name).key(key)));
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return Optional.empty();
            }
            throw S3Errors.translate(path, e);
        }
    }

    /** Receives listing pages. */
    @FunctionalInterface
    interface Pages {
        void accept(ListObjectsV2Response page) throws IOException;
    }

    /** Lists every page below {@code prefix}; with a delimiter, one level. */
    void list(String path, String prefix, Optional<String> delimiter, Optional<String> startAfter, int pageSize,
            Pages pages) throws IOException {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(name).prefix(prefix).maxKeys(pageSize);
        delimiter.ifPresent(request::delimiter);
        startAfter.ifPresent(request::startAfter);
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = call(path, () -> client.listObjectsV2(request.continuationToken(continuation).build()));
            pages.accept(page);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    /** True when some object's key starts with {@code prefix}. */
    boolean anyBelow(String path, String prefix) throws IOException {
        ListObjectsV2Response page = call(path, () -> client.listObjectsV2(
                request -> request.bucket(name).prefix(prefix).maxKeys(1)));
        return !page.contents().isEmpty();
    }

    /** Deletes keys in batches; fails naming the first key S3 refused. */
    void deleteKeys(String path, List<String> keys) throws IOException {
        for (int start = 0; start < keys.size(); start += BATCH) {
            List<ObjectIdentifier> batch = keys.subList(start, Math.min(keys.size(), start + BATCH)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build())
                    .toList();
            DeleteObjectsResponse response = call(path, () -> client.deleteObjects(request -> request.bucket(name)
                    .delete(Delete.builder().objects(batch).quiet(true).build())));
            if (!response.errors().isEmpty()) {
                var error = response.errors().get(0);
                throw new IOException(S3Errors.DRIVER + ": " + path + ": could not delete " + error.key() + ": "
                        + error.code() + " " + error.message() + " (and " + (response.errors().size() - 1) + " more)");
            }
        }
    }

    /** The multipart uploads in progress whose key is exactly {@code key}, oldest first. */
    List<MultipartUpload> uploadsOf(String path, String key) throws IOException {
        List<MultipartUpload> uploads = new ArrayList<>();
        uploadsBelow(path, key, upload -> {
            if (upload.key().equals(key)) {
                uploads.add(upload);
            }
        });
        uploads.sort((a, b) -> a.initiated().compareTo(b.initiated()));
        return uploads;
    }

    /** Every multipart upload in progress whose key starts with {@code prefix}. */
    void uploadsBelow(String path, String prefix, Consumer<MultipartUpload> uploads) throws IOException {
        String keyMarker = null;
        String uploadIdMarker = null;
        boolean truncated;
        do {
            String key = keyMarker;
            String id = uploadIdMarker;
            var page = call(path, () -> client.listMultipartUploads(request -> request.bucket(name).prefix(prefix)
                    .keyMarker(key).uploadIdMarker(id)));
            page.uploads().forEach(uploads);
            truncated = Boolean.TRUE.equals(page.isTruncated());
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        } while (truncated && keyMarker != null);
    }

    /** Completes a multipart upload from its parts, which must be in order. */
    void complete(String path, String key, String uploadId, List<UploadedPart> parts) throws IOException {
        List<CompletedPart> completed = parts.stream().map(UploadedPart::completed).toList();
        call(path, () -> client.completeMultipartUpload(request -> request.bucket(name).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build())));
    }

    /** Abandons a multipart upload and its parts; one that is already gone is fine. */
    void abort(String path, String key, String uploadId) throws IOException {
        try {
            client.abortMultipartUpload(request -> request.bucket(name).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            if (!S3Errors.isNotFound(e)) {
                throw S3Errors.translate(path, e);
            }
        }
    }
}

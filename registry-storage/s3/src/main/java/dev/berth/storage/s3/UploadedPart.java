package dev.berth.storage.s3;

import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

/** A part of a multipart upload in progress: what completing it needs, and its size. */
record UploadedPart(int number, String etag, long size) {

    UploadedPart {
        if (number < 1 || number > 10_000) {
            throw new IllegalArgumentException("part number out of S3's range: " + number);
        }
    }

    static UploadedPart of(Part part) {
        return new UploadedPart(part.partNumber(), part.eTag(), part.size());
    }

    CompletedPart completed() {
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }
}

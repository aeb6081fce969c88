package dev.berth.storage.internal;

import dev.berth.api.manifest.ManifestParser;
import dev.berth.storage.ForeignUrlPolicy;
import java.time.Clock;

/** What every part of the store shares: storage, time, parsing rules, copy machinery, locks. */
public record Store(
        Storage storage,
        Clock clock,
        ManifestParser parser,
        ForeignUrlPolicy foreignUrls,
        HashingCopier copier,
        UploadHashes uploadHashes,
        Locks repositoryLocks,
        Locks uploadLocks) {
}

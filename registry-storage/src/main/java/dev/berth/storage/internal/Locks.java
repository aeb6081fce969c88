package dev.berth.storage.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock per key, there while someone holds or awaits it: serialises changes to one
 * repository's manifests and tags, or to one upload, within this process. Not a fixed set of
 * locks picked by hash: an upload holds its lock while its whole body streams in, and two
 * uploads that shared a stripe waited for each other's blobs (32 concurrent pushes over 256
 * stripes met such a pair most of the time, and a slow client could hold another's upload for
 * minutes). Other processes sharing the storage are not covered; distribution has no such locks
 * at all.
 */
public final class Locks {

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The lock for {@code key}, held by this thread (reentrant) until {@link Held#unlock()}. */
    public Held lock(String key) {
        Entry entry = entries.compute(key, (k, existing) -> {
            Entry counted = existing == null ? new Entry() : existing;
            counted.users++;
            return counted;
        });
        entry.lock.lock();
        return () -> {
            entry.lock.unlock();
            entries.computeIfPresent(key, (k, counted) -> --counted.users == 0 ? null : counted);
        };
    }

    /** How many keys have a lock now: held or awaited. */
    int size() {
        return entries.size();
    }

    /** A held lock. */
    @FunctionalInterface
    public interface Held {

        /** Releases the lock; once per {@link #lock}. */
        void unlock();
    }

    /** A key's lock and how many threads hold or await it; {@code users} changes only inside the map's compute. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }
}

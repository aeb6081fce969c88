package dev.berth.storage.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks picked by key: serialises changes to one repository's manifests and
 * tags, or to one upload, within this process without a lock per key. Other processes sharing
 * the storage are not covered; distribution has no such locks at all.
 */
public final class Locks {

    private final ReentrantLock[] stripes;

    public Locks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The lock for {@code key}, already held; release it with {@link ReentrantLock#unlock()}. */
    public ReentrantLock lock(String key) {
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        lock.lock();
        return lock;
    }
}

package dev.berth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocksTest {

    private final Locks locks = new Locks();

    @Test
    void keysWithTheSameHashDoNotWaitForEachOther() throws Exception {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        Locks.Held first = locks.lock("Aa");
        try {
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<?> second = other.submit(() -> locks.lock("BB").unlock());
                second.get(10, TimeUnit.SECONDS);
            } finally {
                other.shutdownNow();
            }
        } finally {
            first.unlock();
        }
    }

    @Test
    void aKeyIsHeldByOneThreadAtATime() throws Exception {
        Locks.Held held = locks.lock("upload");
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            Locks.Held second = locks.lock("upload");
            acquired.countDown();
            second.unlock();
        });
        waiter.start();
        try {
            assertFalse(acquired.await(200, TimeUnit.MILLISECONDS), "acquired while another thread held the key");
        } finally {
            held.unlock();
        }
        assertTrue(acquired.await(10, TimeUnit.SECONDS));
        waiter.join();
        assertEquals(0, locks.size());
    }

    @Test
    void theHolderMayLockAgainAndEveryLockIsForgottenOnceReleased() {
        Locks.Held outer = locks.lock("repo");
        Locks.Held inner = locks.lock("repo");
        inner.unlock();
        assertEquals(1, locks.size());
        outer.unlock();
        assertEquals(0, locks.size());
    }

    /** Threads contending for a few keys: each key's count is exact, and no lock is left behind. */
    @Test
    void contendedKeysStayExclusiveAndLeaveNothingBehind() throws Exception {
        int keys = 4;
        int threads = 8;
        int rounds = 2_000;
        int[] counts = new int[keys];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        int key = (seed + i) % keys;
                        Locks.Held held = locks.lock("key-" + key);
                        try {
                            int seen = counts[key];
                            Thread.yield(); // invites a lost update, were the lock not exclusive
                            counts[key] = seen + 1;
                        } finally {
                            held.unlock();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int count : counts) {
            assertEquals(threads * rounds / keys, count);
        }
        assertEquals(0, locks.size());
    }
}

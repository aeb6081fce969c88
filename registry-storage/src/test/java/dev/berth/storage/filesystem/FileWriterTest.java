package dev.berth.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syncs a writer makes on the way through a large file: in the background, one at a time,
 * and never lost when they fail.
 */
class FileWriterTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Runs the tasks given to it only when told. */
    private final Queue<Runnable> pending = new ArrayDeque<>();
    private final Executor later = pending::add;

    @Test
    void syncsEveryEightMebibytesInTheBackgroundOneAtATime() throws IOException {
        Path file = dir.resolve("data");
        FileWriter writer = new FileWriter(file, open(file), later);

        writer.write(bytes(9 * MIB, 1), 0, 9 * MIB);
        assertThat(pending).as("a sync started, and the writer did not wait for it").hasSize(1);
        writer.write(bytes(9 * MIB, 2), 0, 9 * MIB);
        assertThat(pending).as("no second sync while the first runs").hasSize(1);

        pending.remove().run();
        writer.write(bytes(MIB, 3), 0, MIB);
        assertThat(pending).as("past the threshold again once the first is done").hasSize(1);
        pending.remove().run();
        writer.commit();

        byte[] written = Files.readAllBytes(file);
        assertThat(written).hasSize(19 * MIB);
        assertThat(Arrays.copyOfRange(written, 9 * MIB, 18 * MIB)).isEqualTo(bytes(9 * MIB, 2));
    }

    @Test
    void aBackgroundSyncThatFailedFailsTheCommitThoughTheNextSyncSucceeds() throws IOException {
        Path file = dir.resolve("data");
        SyncFailingOnce channel = new SyncFailingOnce(open(file));
        FileWriter writer = new FileWriter(file, channel, later);

        writer.write(bytes(9 * MIB, 1), 0, 9 * MIB);
        pending.remove().run();

        assertThatThrownBy(writer::commit).isInstanceOf(IOException.class).hasMessageContaining("syncing")
                .hasRootCauseMessage("Input/output error");
        assertThat(channel.syncs.get()).as("the commit did not sync over the lost pages").isEqualTo(1);
    }

    @Test
    void aBackgroundSyncThatFailedFailsTheClose() throws IOException {
        Path file = dir.resolve("data");
        FileWriter writer = new FileWriter(file, new SyncFailingOnce(open(file)), later);

        writer.write(bytes(9 * MIB, 1), 0, 9 * MIB);
        pending.remove().run();

        assertThatThrownBy(writer::close).isInstanceOf(IOException.class).hasMessageContaining("syncing");
    }

    @Test
    void syncsOnItsOwnThreadWhenTheBackgroundRefuses() throws IOException {
        Path file = dir.resolve("data");
        SyncFailingOnce channel = new SyncFailingOnce(open(file));
        FileWriter writer = new FileWriter(file, channel, task -> {
            throw new RejectedExecutionException("shut down");
        });

        assertThatThrownBy(() -> writer.write(bytes(9 * MIB, 1), 0, 9 * MIB)).hasMessage("Input/output error");
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) seed);
        return bytes;
    }

    /** A file channel whose first {@code force} fails as a disk's I/O error makes {@code fdatasync} fail. */
    private static final class SyncFailingOnce extends FileChannel {
        private final FileChannel file;
        final AtomicInteger syncs = new AtomicInteger();

        SyncFailingOnce(FileChannel file) {
            this.file = file;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (syncs.incrementAndGet() == 1) {
                throw new IOException("Input/output error");
            }
            file.force(metaData);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}

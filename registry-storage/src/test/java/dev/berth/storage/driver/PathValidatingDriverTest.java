package dev.berth.storage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.storage.inmemory.InMemoryDriver;
import org.junit.jupiter.api.Test;

/** The decorators pass the whole contract: forwarding loses nothing, validation refuses bad paths first. */
class PathValidatingDriverTest extends StorageDriverContract {

    private FaultInjectingDriver counter;

    @Override
    protected StorageDriver newDriver() {
        counter = FaultInjectingDriver.counting(new InMemoryDriver());
        return PathValidatingDriver.wrap(counter);
    }

    @Override
    protected boolean keepsContentOnHeap() {
        return true;
    }

    @Test
    void invalidPathNeverReachesTheWrappedDriver() {
        assertThatThrownBy(() -> driver.putContent("/a/../../etc/passwd", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> driver.reader("/a", -1)).isInstanceOf(InvalidOffsetException.class);

        assertThat(counter.operations()).isZero();
    }

    @Test
    void wrappingTwiceWrapsOnce() {
        assertThat(PathValidatingDriver.wrap(driver)).isSameAs(driver);
        assertThat(driver.name()).isEqualTo("inmemory");
    }
}

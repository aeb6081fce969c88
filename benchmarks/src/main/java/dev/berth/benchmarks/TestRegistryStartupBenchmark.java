package dev.berth.benchmarks;

import dev.berth.testkit.RegistryExtension;
import dev.berth.testkit.TestRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a test waits for its registry: start (in-memory storage, a free port) and stop.
 * {@code cold} is the first registry in a fresh JVM — class loading included, what the first
 * test class pays; {@code warm} is every later one.
 *
 * <pre>java -cp … org.openjdk.jmh.Main TestRegistryStartupBenchmark</pre>
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TestRegistryStartupBenchmark {

    private static final RegistryExtension DEFAULTS = RegistryExtension.builder().build();

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(10)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public TestRegistry cold() {
        return startAndStop();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(1)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public TestRegistry warm() {
        return startAndStop();
    }

    private static TestRegistry startAndStop() {
        TestRegistry registry = TestRegistry.start(DEFAULTS);
        registry.close();
        return registry;
    }
}

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
 * How long a test waits for its registry once Berth's classes are loaded: start (in-memory
 * storage, a free port) and stop — every registry after the first in a test JVM. The first
 * one, class loading included, is {@link ColdStartBenchmark}'s: it needs a JVM per sample
 * with nothing loaded, which a JMH fork (its harness already running) is not.
 *
 * <pre>java -cp … org.openjdk.jmh.Main TestRegistryStartupBenchmark</pre>
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TestRegistryStartupBenchmark {

    private static final RegistryExtension DEFAULTS = RegistryExtension.builder().build();

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(1)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public TestRegistry warm() {
        TestRegistry registry = TestRegistry.start(DEFAULTS);
        registry.close();
        return registry;
    }
}

package dev.berth.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first registry of a fresh JVM, as a {@code mvn test} run meets it: runs
 * {@link ColdStartProbe} in {@code runs} new JVMs one after another (this JVM's {@code java}
 * and class path, and no flags but those given, as Surefire forks get none by default) and
 * prints the median, 90th percentile and range of the time to start and of the time until
 * {@code GET /v2/} was answered, plus each JVM's whole life (boot, start, request, exit).
 *
 * <pre>java -cp … dev.berth.benchmarks.ColdStartBenchmark [runs] [JVM flag…]</pre>
 */
public final class ColdStartBenchmark {

    private static final Pattern SAMPLE = Pattern.compile("start=([0-9.]+) firstRequest=([0-9.]+)");

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> flags = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName()));

        double[] start = new double[runs];
        double[] firstRequest = new double[runs];
        double[] process = new double[runs];
        for (int run = 0; run < runs; run++) {
            long launched = System.nanoTime();
            Process probe = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = probe.waitFor();
            process[run] = (System.nanoTime() - launched) / 1e6;
            Matcher sample = SAMPLE.matcher(output);
            if (exit != 0 || !sample.find()) {
                throw new IllegalStateException("probe failed (exit " + exit + "): " + output);
            }
            start[run] = Double.parseDouble(sample.group(1));
            firstRequest[run] = Double.parseDouble(sample.group(2));
        }
        System.out.println(Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + runs + " JVMs, flags " + flags);
        report("start", start);
        report("first GET /v2/ answered", firstRequest);
        report("whole JVM (launch to exit)", process);
    }

    private static void report(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-28s median %6.0f ms   p90 %6.0f ms   min %6.0f ms   max %6.0f ms%n",
                what, percentile(sorted, 50), percentile(sorted, 90), sorted[0], sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile of sorted samples. */
    private static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

package dev.seedloop.engine.internal.sweep;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Prints a progress line every few seconds of a long sweep: seeds done, rate, and whether a failure was
 * found yet. It reads the wall clock, which is why it lives here, outside everything a run can reach:
 * nothing it measures flows back into a run.
 */
final class ProgressReporter {
    private static final long FIRST_REPORT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Consumer<String> sink;
    private final String scenarioName;
    private final long total;
    private final long reportEveryNanos;
    private final long startNanos = System.nanoTime(); // wall-clock-ok: progress display only
    private long nextReportNanos;

    ProgressReporter(Consumer<String> sink, String scenarioName, long total) {
        this(sink, scenarioName, total, FIRST_REPORT_NANOS, REPORT_EVERY_NANOS);
    }

    ProgressReporter(Consumer<String> sink, String scenarioName, long total, long firstAfterNanos, long everyNanos) {
        this.sink = sink;
        this.scenarioName = scenarioName;
        this.total = total;
        this.nextReportNanos = firstAfterNanos;
        this.reportEveryNanos = everyNanos;
    }

    /** Called by the single sweeping thread after each seed. */
    void maybeReport(long done, long lowestFailure) {
        if (sink == null) {
            return;
        }
        long elapsed = System.nanoTime() - startNanos; // wall-clock-ok: progress display only
        if (elapsed >= nextReportNanos) {
            nextReportNanos = elapsed + reportEveryNanos;
            sink.accept(line(done, elapsed, lowestFailure));
        }
    }

    /** Waits for the sweeping threads, reporting progress while they run. */
    void waitFor(List<Thread> threads, AtomicLong done, AtomicLong lowestFailure) {
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the sweep", e);
                }
                maybeReport(done.get(), lowestFailure.get());
            }
        }
    }

    private String line(long done, long elapsedNanos, long lowestFailure) {
        double seconds = elapsedNanos / 1e9;
        long rate = seconds > 0 ? Math.round(done / seconds) : 0;
        String status = lowestFailure == Long.MAX_VALUE ? "no failure yet" : "failures found, first at seed position " + lowestFailure;
        return String.format(java.util.Locale.ROOT, "seedloop: %s: %,d/%,d seeds (%d%%), %,d seeds/s, %s",
                scenarioName, done, total, total == 0 ? 100 : done * 100 / total, rate, status);
    }
}

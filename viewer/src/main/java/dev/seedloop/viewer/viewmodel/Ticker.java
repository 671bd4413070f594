package dev.seedloop.viewer.viewmodel;

import java.time.Duration;

/** A periodic callback on the UI thread: a JavaFX Timeline in the app, a manual clock in tests. */
public interface Ticker {
    /** Calls {@code tick} every {@code period} until {@link #stop()}; restarting replaces the old schedule. */
    void start(Duration period, Runnable tick);

    /** Stops calling. */
    void stop();
}

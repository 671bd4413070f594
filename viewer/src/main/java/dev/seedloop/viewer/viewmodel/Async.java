package dev.seedloop.viewer.viewmodel;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs slow work (loading a trace) off the UI thread and hands the result back on it. */
public interface Async {
    /** Runs {@code work}, then {@code done} with its result or {@code failed} with its exception, on the UI thread. */
    <T> void run(Callable<T> work, Consumer<T> done, Consumer<Exception> failed);

    /**
     * Runs {@code action} on the UI thread: how background work hands over intermediate results (a
     * preview, progress). Called from the background thread; runs at once when everything is direct.
     */
    default void ui(Runnable action) {
        action.run();
    }

    /** Runs everything at once on the calling thread: for tests and headless rendering. */
    Async DIRECT = new Async() {
        @Override
        public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                failed.accept(e);
                return;
            }
            done.accept(result);
        }
    };
}

package dev.seedloop.viewer.view;

import dev.seedloop.viewer.viewmodel.Async;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Runs work on a background thread and hands the result to the JavaFX thread. */
final class FxAsync implements Async {
    @Override
    public void ui(Runnable action) {
        Platform.runLater(action);
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        Thread t = new Thread(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> done.accept(result));
            } catch (Exception e) {
                Platform.runLater(() -> failed.accept(e));
            } catch (OutOfMemoryError e) {
                Platform.runLater(() -> failed.accept(new IllegalStateException(
                        "the trace does not fit in this viewer's heap; start it with a larger -Xmx")));
            }
        }, "seedloop-background");
        t.setDaemon(true);
        t.start();
    }
}

package dev.seedloop.viewer.bench;

import dev.seedloop.viewer.TestTraces;
import dev.seedloop.viewer.model.RecentFiles;
import dev.seedloop.viewer.view.HeadlessRenderer;
import dev.seedloop.viewer.view.MainView;
import dev.seedloop.viewer.viewmodel.Async;
import dev.seedloop.viewer.viewmodel.MainViewModel;
import dev.seedloop.viewer.viewmodel.Ticker;
import dev.seedloop.viewer.viewmodel.TraceViewModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The viewer's performance harness (not a test): generates a FULL trace of N events on 5 nodes, then on
 * JavaFX's headless platform measures, in one process, the time from "open" to the first rendered frame
 * (median of 3 opens), one step forward/backward with state panel, table and diagram updated (median of
 * 400), a jump to a random step (median of 200), each with and without a software render of the whole
 * window, and the heap after loading.
 *
 * <pre>./mvnw -q -B -pl viewer -am test-compile exec:exec -Pbench [-Dbench.args="1000000 /tmp/bench.trace"]</pre>
 */
public final class ViewerBenchmark {
    private static final Ticker NO_TICKS = new Ticker() {
        @Override
        public void start(Duration period, Runnable tick) {
        }

        @Override
        public void stop() {
        }
    };

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path trace = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("seedloop-bench", ".trace");
        if (!Files.exists(trace) || Files.size(trace) == 0) {
            long g = System.nanoTime();
            TestTraces.writeSynthetic(trace, events, 5, 2026, true);
            System.out.printf("generated %s (%,d bytes) in %.1f s%n", trace, Files.size(trace), (System.nanoTime() - g) / 1e9);
        }
        HeadlessRenderer.useHeadlessPlatform();
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        Path recent = Files.createTempFile("bench-recent", ".txt");
        // Opening as the application does: reading on a background thread, the window on the FX thread.
        // "first frame": from vm.open until the first trace view (a preview of the first events of a
        // large trace) is rendered; "whole": until the whole trace is read, indexed and rendered.
        double[] firstFrame = new double[3];
        double[] whole = new double[3];
        Object[] last = new Object[2];
        for (int i = 0; i < firstFrame.length; i++) {
            CompletableFuture<Double> first = new CompletableFuture<>();
            CompletableFuture<Double> all = new CompletableFuture<>();
            fx(() -> {
                if (last[1] instanceof Stage s) {
                    s.close();
                }
                last[0] = null;
                last[1] = null;
                System.gc();
                long t0 = System.nanoTime();
                MainViewModel vm = new MainViewModel(BACKGROUND, NO_TICKS, new RecentFiles(recent));
                MainView view = new MainView(vm);
                Scene scene = new Scene(view, 1400, 900);
                view.install(scene);
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
                vm.primaryProperty().addListener((o, a, b) -> {
                    if (b != null && !first.isDone()) {
                        double shown = ms(t0);
                        HeadlessRenderer.snapshot(scene); // CSS, layout and a full software render of the window
                        first.complete(ms(t0));
                        System.out.printf("  open %d: trace view built after %.0f ms, rendered after %.0f ms%n",
                                firstFrame.length, shown, ms(t0));
                    }
                });
                vm.loadingProperty().addListener((o, a, b) -> {
                    if (!b) {
                        if (!vm.errorProperty().get().isEmpty()) {
                            all.completeExceptionally(new IllegalStateException(vm.errorProperty().get()));
                            first.completeExceptionally(new IllegalStateException(vm.errorProperty().get()));
                            return;
                        }
                        HeadlessRenderer.snapshot(scene);
                        all.complete(ms(t0));
                    }
                });
                vm.open(trace);
                last[0] = vm;
                last[1] = stage;
                return null;
            });
            firstFrame[i] = first.get();
            whole[i] = all.get();
        }
        MainViewModel vm = (MainViewModel) last[0];
        Stage stage = (Stage) last[1];
        fx(() -> {
            run(trace, vm, stage, firstFrame, whole);
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    private static final Async BACKGROUND = new Async() {
        @Override
        public void ui(Runnable action) {
            Platform.runLater(action);
        }

        @Override
        public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done,
                java.util.function.Consumer<Exception> failed) {
            Thread t = new Thread(() -> {
                try {
                    T r = work.call();
                    Platform.runLater(() -> done.accept(r));
                } catch (Exception e) {
                    Platform.runLater(() -> failed.accept(e));
                }
            }, "bench-background");
            t.setDaemon(true);
            t.start();
        }
    };

    private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done.get();
    }

    private static void run(Path trace, MainViewModel vm, Stage stage, double[] firstFrame, double[] whole) throws Exception {
        Scene scene = stage.getScene();
        TraceViewModel p = vm.primary();
        int n = p.trace().size();
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Random rnd = new Random(7);
        // warm-up
        for (int i = 0; i < 300; i++) {
            p.moveTo(rnd.nextInt(n));
            p.stepForward();
            layout(scene);
        }
        double[] step = new double[400];
        for (int i = 0; i < step.length; i++) {
            if (i % 40 == 0) {
                p.moveTo(rnd.nextInt(n));
                layout(scene);
            }
            long t0 = System.nanoTime();
            if (i % 2 == 0) {
                p.stepForward();
            } else {
                p.stepBack();
            }
            layout(scene);
            step[i] = ms(t0);
        }
        double[] stepRendered = new double[60];
        for (int i = 0; i < stepRendered.length; i++) {
            long t0 = System.nanoTime();
            p.stepForward();
            HeadlessRenderer.snapshot(scene);
            stepRendered[i] = ms(t0);
        }
        double[] jump = new double[200];
        for (int i = 0; i < jump.length; i++) {
            int target = rnd.nextInt(n);
            long t0 = System.nanoTime();
            p.moveTo(target);
            layout(scene);
            jump[i] = ms(t0);
        }
        double[] jumpRendered = new double[40];
        for (int i = 0; i < jumpRendered.length; i++) {
            int target = rnd.nextInt(n);
            long t0 = System.nanoTime();
            p.moveTo(target);
            HeadlessRenderer.snapshot(scene);
            jumpRendered[i] = ms(t0);
        }
        long t0 = System.nanoTime();
        p.fit();
        HeadlessRenderer.snapshot(scene);
        double fitAll = ms(t0);
        System.out.printf("trace: %,d events, %d nodes, %s%n", n, p.trace().nodeCount(), trace);
        System.out.printf("machine: %d cores, %s %s, Java %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("first frame after opening (first events read + indexed + window render), median of 3: %.0f ms %s%n",
                median(firstFrame), Arrays.toString(round(firstFrame)));
        System.out.printf("whole trace read, indexed, checkpointed and rendered, median of 3: %.0f ms %s%n",
                median(whole), Arrays.toString(round(whole)));
        System.out.printf("step forward/backward (state panel, table, diagram redrawn; CSS+layout), median of %d: %.2f ms (p90 %.2f)%n",
                step.length, median(step), pct(step, 0.9));
        System.out.printf("step + full software render of the 1400x900 window, median of %d: %.2f ms%n",
                stepRendered.length, median(stepRendered));
        System.out.printf("jump to a random step, median of %d: %.2f ms (max %.2f)%n", jump.length, median(jump),
                Arrays.stream(jump).max().orElse(0));
        System.out.printf("jump + full software render, median of %d: %.2f ms%n", jumpRendered.length, median(jumpRendered));
        System.out.printf("fit the whole trace in the diagram + render: %.0f ms%n", fitAll);
        System.out.printf("heap used after loading (after GC): %d MiB%n", heap >> 20);
        stage.close();
    }

    private static void layout(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        return pct(v, 0.5);
    }

    private static double pct(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
    }

    private static long[] round(double[] v) {
        return Arrays.stream(v).mapToLong(Math::round).toArray();
    }
}

package dev.seedloop.viewer.view;

import dev.seedloop.viewer.model.CommandLine;
import dev.seedloop.viewer.model.OutputFile;
import dev.seedloop.viewer.model.RecentFiles;
import dev.seedloop.viewer.viewmodel.Async;
import dev.seedloop.viewer.viewmodel.MainViewModel;
import dev.seedloop.viewer.viewmodel.Ticker;
import dev.seedloop.viewer.viewmodel.TraceViewModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders the viewer window at a given step to a PNG without a display: JavaFX's headless platform with
 * the software pipeline, a {@code Scene.snapshot}, and ImageIO (no Swing).
 */
public final class HeadlessRenderer {
    private HeadlessRenderer() {}

    /** Sets the system properties of the headless platform, unless the caller chose others. */
    public static void useHeadlessPlatform() {
        setIfAbsent("glass.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * What a rendering produced: a line for the user, and warnings about what the picture cannot show (a
     * damaged trace shows only what was read before the damage).
     *
     * @param summary what was rendered where, e.g. "rendered x.trace at the violation (...) to out.png (...)"
     * @param warnings one line per damaged trace; empty if every trace was whole
     */
    public record Rendering(String summary, List<String> warnings) {}

    /**
     * Renders as the command line says; throws {@link RenderFailure} with a message if the command line has
     * errors, the trace cannot be opened, the target is not in it, or the file cannot be written. The output
     * is written whole or not at all, and its directory is checked before rendering begins.
     */
    public static Rendering render(CommandLine cl) throws RenderFailure {
        if (!cl.errors().isEmpty()) {
            throw new RenderFailure(cl.errors().getFirst(), null);
        }
        Path out = cl.render().orElseThrow(() -> new RenderFailure("no --render path was given", null));
        if (!ImageIO.getImageWritersByFormatName("png").hasNext()) {
            throw new RenderFailure("no PNG writer is available in this JVM", null);
        }
        // begun before rendering, so that an unwritable path is reported before the work, not after it
        try (OutputFile png = OutputFile.begin(out)) {
            Picture picture = onFxThread(cl);
            png.write(stream -> ImageIO.write(picture.image(), "png", stream));
            return new Rendering(picture.summary() + " to " + out + " (" + cl.width() + "x" + cl.height() + ")",
                    picture.warnings());
        } catch (OutputFile.Failure e) {
            throw new RenderFailure(e.getMessage(), e);
        }
    }

    /** The window drawn, what it shows, and what the user should know about it. */
    private record Picture(BufferedImage image, String summary, List<String> warnings) {}

    private static Picture onFxThread(CommandLine cl) throws RenderFailure {
        useHeadlessPlatform();
        CompletableFuture<Picture> result = new CompletableFuture<>();
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // a test or a second render in the same JVM: the toolkit is already up
        }
        Platform.setImplicitExit(false);
        Platform.runLater(() -> {
            try {
                result.complete(renderOnFxThread(cl));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RenderFailure f) {
                throw f;
            }
            throw new RenderFailure("rendering failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RenderFailure("rendering did not finish within 120 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderFailure("interrupted while rendering", e);
        }
    }

    private static Picture renderOnFxThread(CommandLine cl) throws RenderFailure {
        MainViewModel vm = new MainViewModel(Async.DIRECT, NO_TICKS, new RecentFiles(noRecentFile()));
        MainView view = new MainView(vm);
        Scene scene = new Scene(view, cl.width(), cl.height());
        view.install(scene);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        try {
            vm.openAll(cl.traces());
            if (!vm.errorProperty().get().isEmpty()) {
                throw new RenderFailure(vm.errorProperty().get(), null);
            }
            TraceViewModel p = vm.primary();
            // Without a target, the picture is what the window shows on opening: the start, or in diff mode
            // the first divergence, where opening two traces puts both cursors.
            String where = cl.target().isPresent() ? applyTarget(p, cl.target().get())
                    : vm.secondary() != null && p.divergenceProperty().get() >= 0 ? "the first divergence"
                    : applyTarget(p, "start");
            BufferedImage image = toBufferedImage(snapshot(scene));
            List<String> warnings = new ArrayList<>();
            for (TraceViewModel t : vm.secondary() == null ? List.of(p) : List.of(p, vm.secondary())) {
                t.trace().damage().ifPresent(d -> warnings.add(t.trace().fileName() + " is damaged: " + d.describe()
                        + (d.eventsBefore() == 0 ? "; the picture shows no events"
                                : "; the picture shows only the " + d.eventsBefore() + " events before the damage")));
            }
            return new Picture(image, "rendered " + p.trace().fileName() + " at " + where + " (event #" + p.cursor()
                    + ", step " + (p.cursor() < 0 ? 0 : p.trace().step(p.cursor())) + ")", List.copyOf(warnings));
        } finally {
            stage.close();
        }
    }

    /** Lays the scene out, lets the diagram take its size, and snapshots it. */
    public static WritableImage snapshot(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        // what the tables do after a resize on the next pulse, done now: the cursor's row in view
        for (javafx.scene.Node n : scene.getRoot().lookupAll(".event-table")) {
            if (n instanceof EventTable t) {
                t.revealCursorRow();
            }
        }
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return scene.snapshot(null);
    }

    /** Moves the cursor as {@code target} says: start, end, violation, step:N, event:N. */
    public static String applyTarget(TraceViewModel p, String target) throws RenderFailure {
        String why = p.goTo(target);
        if (why != null) {
            throw new RenderFailure(why, null);
        }
        if (target.equals("violation")) {
            return "the violation";
        }
        if (target.equals("end")) {
            return "the end";
        }
        if (target.startsWith("step:")) {
            return "step " + target.substring(5);
        }
        if (target.startsWith("event:")) {
            return "event " + target.substring(6);
        }
        return "the start";
    }

    /** A JavaFX image as an AWT one, for ImageIO. */
    private static BufferedImage toBufferedImage(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = image.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            bi.setRGB(0, y, w, 1, row, 0, w);
        }
        return bi;
    }

    private static Path noRecentFile() {
        try {
            return Files.createTempFile("seedloop-render-recent", ".txt");
        } catch (IOException e) {
            return Path.of(System.getProperty("java.io.tmpdir"), "seedloop-render-recent.txt");
        }
    }

    private static final Ticker NO_TICKS = new Ticker() {
        @Override
        public void start(Duration period, Runnable tick) {
            // a rendering never plays
        }

        @Override
        public void stop() {
            // nothing runs
        }
    };

    /** Rendering failed for a reason the message states. */
    public static final class RenderFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public RenderFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

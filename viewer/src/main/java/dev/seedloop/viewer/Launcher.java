package dev.seedloop.viewer;

import dev.seedloop.viewer.model.CommandLine;
import dev.seedloop.viewer.view.HeadlessRenderer;
import dev.seedloop.viewer.view.ViewerApp;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;

/**
 * The viewer's main class. It does not extend {@code Application}, so the viewer runs from a plain class
 * path. {@code --render} draws the window to a PNG on the headless platform instead of opening it.
 *
 * <p>Exit codes: {@value #OK} the window was closed or the PNG written (a damaged trace is rendered, with a
 * warning on stderr); {@value #FAILED} the trace cannot be opened, the target is not in it, the PNG cannot be
 * written, or there is no display for the window; {@value #USAGE} the command line is wrong (including a
 * {@code --render} path that must not be replaced).
 */
public final class Launcher {
    /** The window was closed, or the PNG was written. */
    public static final int OK = 0;
    /** Opening, rendering or writing failed, or there is no display; the message says why. */
    public static final int FAILED = 1;
    /** The command line is wrong; the usage follows the message. */
    public static final int USAGE = 2;

    static final String NO_DISPLAY = "no display to open a window on: run it on a desktop, under xvfb-run, or add "
            + "--render OUT.png to draw a PNG without one";

    private Launcher() {}

    public static void main(String[] args) {
        CommandLine cl = CommandLine.parse(args);
        if (cl.help()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        if (!cl.errors().isEmpty()) {
            cl.errors().forEach(e -> System.err.println("seedloop-viewer: " + e));
            System.err.println(CommandLine.USAGE);
            System.exit(USAGE);
        }
        if (cl.render().isPresent()) {
            int code = OK;
            try {
                HeadlessRenderer.Rendering r = HeadlessRenderer.render(cl);
                System.out.println(r.summary());
                r.warnings().forEach(w -> System.err.println("seedloop-viewer: warning: " + w));
            } catch (HeadlessRenderer.RenderFailure e) {
                System.err.println("seedloop-viewer: " + e.getMessage());
                code = FAILED;
            }
            Platform.exit();
            System.exit(code);
        }
        try {
            Application.launch(ViewerApp.class, args);
        } catch (RuntimeException e) {
            Optional<String> why = startupProblem(e);
            if (why.isEmpty()) {
                throw e;
            }
            System.err.println("seedloop-viewer: " + why.get());
            System.exit(FAILED);
        }
    }

    /**
     * What to tell the user when the window cannot be started because of {@code failure}, or empty if it is
     * not a failure the user can fix (a bug, which keeps its stack trace).
     */
    static Optional<String> startupProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // GTK's glass says "Unable to open DISPLAY" both without DISPLAY and with one that cannot be opened
            if (t instanceof UnsupportedOperationException && t.getMessage() != null
                    && t.getMessage().contains("DISPLAY")) {
                return Optional.of(NO_DISPLAY);
            }
        }
        return Optional.empty();
    }
}

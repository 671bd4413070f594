package dev.seedloop.viewer;

import dev.seedloop.viewer.model.CommandLine;
import dev.seedloop.viewer.view.HeadlessRenderer;
import dev.seedloop.viewer.view.ViewerApp;
import javafx.application.Application;
import javafx.application.Platform;

/**
 * The viewer's main class. It does not extend {@code Application}, so the viewer runs from a plain class
 * path. {@code --render} draws the window to a PNG on the headless platform instead of opening it.
 */
public final class Launcher {
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
            System.exit(2);
        }
        if (cl.render().isPresent()) {
            int code = 0;
            try {
                System.out.println(HeadlessRenderer.render(cl));
            } catch (HeadlessRenderer.RenderFailure e) {
                System.err.println("seedloop-viewer: " + e.getMessage());
                code = 1;
            }
            Platform.exit();
            System.exit(code);
        }
        Application.launch(ViewerApp.class, args);
    }
}

package dev.seedloop.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the launcher tells the user when the window cannot start. */
class LauncherTests {
    @Test
    void noDisplayIsOneLineThatSaysWhatToDo() {
        // what GTK's glass throws from Application.launch without DISPLAY (or with one that cannot be opened)
        var noDisplay = new UnsupportedOperationException("Unable to open DISPLAY");
        assertThat(Launcher.startupProblem(noDisplay)).contains("no display to open a window on: run it on a "
                + "desktop, under xvfb-run, or add --render OUT.png to draw a PNG without one");
        assertThat(Launcher.startupProblem(new RuntimeException("Exception in Application start method", noDisplay)))
                .contains(Launcher.NO_DISPLAY);
    }

    @Test
    void otherFailuresAreLeftToTheirStackTrace() {
        assertThat(Launcher.startupProblem(new UnsupportedOperationException("not supported"))).isEmpty();
        assertThat(Launcher.startupProblem(new IllegalStateException("Unable to open DISPLAY"))).isEmpty();
        assertThat(Launcher.startupProblem(new RuntimeException("boom", new NullPointerException()))).isEmpty();
    }
}

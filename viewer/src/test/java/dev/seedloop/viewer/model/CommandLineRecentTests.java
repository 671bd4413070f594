package dev.seedloop.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineRecentTests {
    @TempDir
    Path dir;

    @Test
    void parsesTracesAndRenderOptions() {
        CommandLine c = CommandLine.parse("a.trace", "--render", "out.png", "--step", "violation", "--width", "800",
                "--height", "600");
        assertThat(c.errors()).isEmpty();
        assertThat(c.traces()).containsExactly(Path.of("a.trace"));
        assertThat(c.render()).contains(Path.of("out.png"));
        assertThat(c.target()).contains("violation");
        assertThat(c.width()).isEqualTo(800);
        assertThat(CommandLine.parse("a", "b", "--step", "12").target()).contains("step:12");
        assertThat(CommandLine.parse("a", "b").traces()).hasSize(2);
        assertThat(CommandLine.parse("a", "--event", "7").target()).contains("event:7");
        assertThat(CommandLine.parse("", "a").traces()).hasSize(1);
    }

    @Test
    void reportsMistakesInsteadOfThrowing() {
        assertThat(CommandLine.parse("--render", "x.png").errors()).anyMatch(e -> e.contains("needs a trace"));
        assertThat(CommandLine.parse("a", "--step", "soon").errors()).anyMatch(e -> e.contains("'soon'"));
        assertThat(CommandLine.parse("a", "--width", "5").errors()).isNotEmpty();
        assertThat(CommandLine.parse("a", "b", "c").errors()).anyMatch(e -> e.contains("at most two"));
        assertThat(CommandLine.parse("--bogus").errors()).anyMatch(e -> e.contains("unknown option"));
        assertThat(CommandLine.parse("--help").help()).isTrue();
    }

    @Test
    void numbersTooLargeForTheirTypeAreUsageErrorsNotCrashes() {
        CommandLine step = CommandLine.parse("a", "--step", "9223372036854775808");
        assertThat(step.target()).isEmpty();
        assertThat(step.errors()).containsExactly("--step takes a step number up to 9223372036854775807, "
                + "'violation' or 'end', not '9223372036854775808'");
        assertThat(CommandLine.parse("a", "--step", "9223372036854775807").target())
                .contains("step:9223372036854775807");
        assertThat(CommandLine.parse("a", "--event", "2147483648").errors()).containsExactly(
                "--event needs an event number (0-based) up to 2147483647, not '2147483648'");
        assertThat(CommandLine.parse("a", "--event", "2147483647").target()).contains("event:2147483647");
        assertThat(CommandLine.parse("a", "--render", "x.png", "--width", "99999999999").errors())
                .containsExactly("--width needs a number of pixels between 200 and 8000");
        assertThat(CommandLine.parse("a", "--render", "x.png", "--height", "99999999999999999999").errors())
                .containsExactly("--height needs a number of pixels between 200 and 8000");
    }

    @Test
    void aRenderPathThatWouldDestroySomethingIsRefusedBeforeRendering() throws Exception {
        Path trace = Files.writeString(dir.resolve("gt.png"), "the trace, whatever its name");
        Path second = Files.writeString(dir.resolve("b.trace"), "the second trace");
        Path linkToSecond = Files.createSymbolicLink(dir.resolve("link.png"), second);

        assertThat(CommandLine.parse(trace.toString(), "--render", dir.toString()).errors()).singleElement()
                .asString().contains(dir + ": that is a directory", dir.resolve("render.png").toString());
        assertThat(CommandLine.parse(trace.toString(), "--render", trace.toString()).errors()).singleElement()
                .asString().contains("that is the trace being rendered");
        // another spelling of the same file, and a link to it, are the same file
        Files.createDirectories(dir.resolve("sub"));
        assertThat(CommandLine.parse(trace.toString(), "--render", dir.resolve("sub/../gt.png").toString())
                .errors()).singleElement().asString().contains("the trace being rendered");
        assertThat(CommandLine.parse(trace.toString(), second.toString(), "--render", linkToSecond.toString())
                .errors()).singleElement().asString().contains("that is the second trace (" + second + ")");
        assertThat(CommandLine.parse(trace.toString(), "--render", "").errors())
                .containsExactly("--render needs an output path, e.g. --render out.png");
        Path device = Path.of("/dev/null");
        if (Files.exists(device)) {
            assertThat(CommandLine.parse(trace.toString(), "--render", device.toString()).errors()).singleElement()
                    .asString().contains("/dev/null: that exists and is not a regular file");
        }

        // an existing PNG, or a new file, may be written
        Path oldPng = Files.writeString(dir.resolve("old.png"), "an earlier rendering");
        assertThat(CommandLine.parse(trace.toString(), "--render", oldPng.toString()).errors()).isEmpty();
        assertThat(CommandLine.parse(trace.toString(), "--render", dir.resolve("new.png").toString()).errors())
                .isEmpty();
    }

    @Test
    void recentFilesKeepTheNewestFirstWithoutDuplicates() throws Exception {
        RecentFiles r = new RecentFiles(dir.resolve("sub/recent.txt"));
        assertThat(r.list()).isEmpty();
        for (int i = 0; i < 12; i++) {
            r.add(dir.resolve("t" + i + ".trace"));
        }
        r.add(dir.resolve("t5.trace"));
        assertThat(r.list()).hasSize(RecentFiles.MAX);
        assertThat(r.list().getFirst()).isEqualTo(dir.resolve("t5.trace").toAbsolutePath());
        assertThat(r.list()).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(dir.resolve("sub/recent.txt"))).hasSize(RecentFiles.MAX);
        assertThat(new RecentFiles(dir).list()).isEmpty(); // unreadable (a directory): empty, no exception
    }

    @Test
    void everyActionHasADistinctShortcut() {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (ViewerAction a : ViewerAction.values()) {
            assertThat(keys.add(a.shortcut())).as(a.name()).isTrue();
            assertThat(a.description()).isNotBlank();
        }
    }
}

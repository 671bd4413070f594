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

package dev.seedloop.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output is written whole or not at all, and a path that takes no file says why in one line. */
class OutputFileTests {
    @TempDir
    Path dir;

    private static OutputFile.Contents text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private String[] filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void replacesAnExistingFileWithTheWholeNewContentsAndLeavesNoTemporaryFile() throws Exception {
        Path out = Files.writeString(dir.resolve("render.png"), "an earlier rendering");
        try (OutputFile f = OutputFile.begin(out)) {
            f.write(text("the new rendering"));
        }
        assertThat(out).hasContent("the new rendering");
        assertThat(filesInDir()).containsExactly("render.png");
    }

    @Test
    void aFailureWhileWritingLeavesTheTargetAsItWas() throws Exception {
        Path out = Files.writeString(dir.resolve("render.png"), "an earlier rendering");
        try (OutputFile f = OutputFile.begin(out)) {
            assertThatThrownBy(() -> f.write(o -> {
                o.write(new byte[10_000]); // half a picture, then the disk is full
                throw new IOException("No space left on device");
            })).isInstanceOf(OutputFile.Failure.class).hasMessage("cannot write " + out
                    + ": no space left on device (" + out + " is unchanged); choose another path");
        }
        assertThat(out).hasContent("an earlier rendering");
        assertThat(filesInDir()).containsExactly("render.png");
    }

    @Test
    void beginningAndNotWritingLeavesNothingBehind() throws Exception {
        OutputFile f = OutputFile.begin(dir.resolve("never.png"));
        assertThat(filesInDir()).hasSize(1).allMatch(n -> n.startsWith(".never.png.") && n.endsWith(".tmp"));
        f.close();
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void aPathThatTakesNoFileIsRefusedAtTheStartWithAPlainReason() throws Exception {
        Path missing = dir.resolve("no/such/dir/x.png");
        assertThatThrownBy(() -> OutputFile.begin(missing)).isInstanceOf(OutputFile.Failure.class)
                .hasMessage("cannot write " + missing + ": no such directory " + missing.getParent()
                        + "; create it first or choose another path");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> OutputFile.begin(file.resolve("x.png"))).hasMessage("cannot write "
                + file.resolve("x.png") + ": " + file + " is not a directory; choose another path");
        assertThat(missing.getParent()).doesNotExist(); // refused, not created
    }

    @Test
    void aDirectoryOfTheKernelThatTakesNoFilesSaysSo() {
        // Linux: /proc exists and takes no new files, whoever runs the test (root included)
        assertThatThrownBy(() -> OutputFile.begin(Path.of("/proc/x.png")))
                .hasMessage("cannot write /proc/x.png: files cannot be created in /proc; choose another path");
    }

    @Test
    void aDirectoryThatRefusesTheUserSaysPermissionDenied() throws Exception {
        // Made by the reason itself: a test run as root (as CI is) may write into any directory.
        Path out = Files.createDirectory(dir.resolve("locked")).resolve("x.png");
        assertThat(OutputFile.cannotWrite(out, new java.nio.file.AccessDeniedException(out.toString()), ""))
                .isEqualTo("cannot write " + out + ": permission denied; choose another path");
    }
}

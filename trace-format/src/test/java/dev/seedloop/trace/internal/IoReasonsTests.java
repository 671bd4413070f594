package dev.seedloop.trace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** I/O failures in plain words: the reason only, never the class name or the path again. */
class IoReasonsTests {
    @Test
    void theNioExceptionsThatCarryOnlyAPathAreNamedByWhatTheyMean() {
        assertThat(IoReasons.of(new AccessDeniedException("/x/out.txt"))).isEqualTo("permission denied");
        assertThat(IoReasons.of(new NoSuchFileException("/x/out.txt"))).isEqualTo("no such file or directory");
    }

    @Test
    void aFileSystemExceptionGivesItsReasonWithoutThePath() {
        assertThat(IoReasons.of(new FileSystemException("/mnt/ro/out.txt", null, "Read-only file system")))
                .isEqualTo("read-only file system");
        assertThat(IoReasons.of(new FileSystemException("/x"))).isEqualTo("the file system refused");
    }

    @Test
    void otherExceptionsGiveTheirMessageAsPartOfASentence() {
        assertThat(IoReasons.of(new IOException("No space left on device"))).isEqualTo("no space left on device");
        assertThat(IoReasons.of(new IOException("ZLIB input stream is broken."))).isEqualTo("ZLIB input stream is broken");
        assertThat(IoReasons.of(new EOFException())).isEqualTo("an input/output error");
    }
}

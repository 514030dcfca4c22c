package org.edibatch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a process judges the embedded database folder before starting a server on it (the server itself:
 * EmbeddedDatabaseLockTest). A pid file naming a live process that is not this folder's PostgreSQL (a pid reused
 * after a reboot) is stale: removed, and that process left alone.
 */
class EmbeddedDatabaseTest {

    @Test
    void aFolderNeverStartedIsOwnedByNobodyAndStaysEmpty(@TempDir Path dir) throws Exception {
        assertThat(EmbeddedDatabase.ownedByAnotherProcess(dir)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("initdb wants the folder empty").isEmpty();
        }
    }

    @Test
    void aHeldLockMeansAnotherOwner(@TempDir Path dir) throws Exception {
        Path lockFile = Files.createFile(dir.resolve(EmbeddedDatabase.LOCK_FILE));
        assertThat(EmbeddedDatabase.ownedByAnotherProcess(dir)).isFalse();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertThat(lock.isValid()).isTrue();
            assertThat(EmbeddedDatabase.ownedByAnotherProcess(dir)).isTrue();
        }
    }

    @Test
    void aPidFileNamingAnotherLiveProcessIsRemovedAndThatProcessLeftAlone(@TempDir Path dir) throws Exception {
        long self = ProcessHandle.current().pid();
        Path pidFile = Files.writeString(dir.resolve(EmbeddedDatabase.PID_FILE),
                self + "\n" + dir + "\n1733300000\n5432\n/tmp\nlocalhost\n  1234  5678\nready\n");
        EmbeddedDatabase.stopOrphan(dir);
        assertThat(pidFile).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void aPidFileOfAProcessThatIsGoneIsLeftToPostgres(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = Files.writeString(dir.resolve(EmbeddedDatabase.PID_FILE), gone.pid() + "\n" + dir + "\n");
        EmbeddedDatabase.stopOrphan(dir);
        assertThat(pidFile).exists();
    }
}

package io.flowlb.controller.persist;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.loadbalancer.model.LbConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load-balancer state file, {@value #FILE_NAME} in a state directory: loaded once at start,
 * replaced atomically on every accepted change.
 *
 * <p>Replacing: the new content goes to {@value #TEMP_NAME} in the same directory (a rename is
 * only atomic within one file system), which is fsynced, renamed over {@value #FILE_NAME}, and
 * then the directory is fsynced so that the rename itself survives a power cut. A failure at any
 * step leaves the previous file in place and is reported to the caller, which must then not
 * apply the change.
 *
 * <p>Thread safety: not thread-safe; the load-balancer control loop is its only user.
 */
public final class StateStore {
    public static final String FILE_NAME = "lb-state.json";
    public static final String TEMP_NAME = FILE_NAME + ".tmp";

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    /** The points of a write at which a test can simulate a crash. */
    public enum Step {
        /** The temporary file is written and fsynced; the old file is still in place. */
        TEMP_WRITTEN
    }

    /** Called at each {@link Step}; throwing aborts the write there, as a crash would. */
    @FunctionalInterface
    public interface StepHook {
        void reached(Step step) throws IOException;
    }

    private final Path dir;
    private final Path file;
    private final Path temp;
    private final ConfigFiles files;
    private final StepHook hook;
    private long writes;
    private long dirSyncFailures;

    public StateStore(Path dir, ObjectMapper mapper) {
        this(dir, mapper, step -> { });
    }

    /** A store whose writes call {@code hook} at each step (crash-injection tests). */
    public StateStore(Path dir, ObjectMapper mapper, StepHook hook) {
        this.dir = dir.toAbsolutePath();
        this.file = this.dir.resolve(FILE_NAME);
        this.temp = this.dir.resolve(TEMP_NAME);
        this.files = new ConfigFiles(mapper);
        this.hook = hook;
    }

    public Path file() {
        return file;
    }

    /**
     * The saved configuration, or the empty one when there is no state file yet (the directory is
     * created). A temporary file left by an interrupted write is removed: its change was never
     * acknowledged.
     *
     * @throws ConfigFileException when the state file exists but cannot be read or checked
     */
    public LbConfig load() throws ConfigFileException {
        try {
            Files.createDirectories(dir);
            if (Files.deleteIfExists(temp)) {
                LOG.warn("removed {} left by an interrupted write; its change had not been acknowledged", temp);
            }
        } catch (IOException e) {
            throw new ConfigFileException("state directory", dir, null, "cannot create or clean it: " + e,
                    "Choose a writable state directory", e);
        }
        if (!Files.exists(file)) {
            LOG.info("no state file {} yet: starting with an empty load-balancer configuration", file);
            return LbConfig.EMPTY;
        }
        LbConfig config = files.read(file, "load-balancer state file",
                "Fix the file (it is JSON in the format of GET /api/v1/config) or move it away to start with an"
                        + " empty configuration");
        LOG.info("loaded {} from {}", config, file);
        return config;
    }

    /**
     * Replaces the state file with {@code config}. When this throws, the previous file is still
     * whole and in place. Once the rename is done the change counts as saved: a failure to fsync
     * the directory afterwards is logged, not thrown, since the new file is already the one a
     * restart reads.
     */
    public void save(LbConfig config) throws IOException {
        byte[] bytes = files.write(config);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        hook.reached(Step.TEMP_WRITTEN);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the state directory " + dir + " does not support atomic renames", e);
        }
        writes++;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            dirSyncFailures++;
            if (dirSyncFailures == 1) {
                LOG.warn("cannot fsync the state directory {} after replacing {}: {}; later failures are only counted",
                        dir, FILE_NAME, e.toString());
            }
        }
    }

    /** Directory fsyncs that failed after a rename. */
    public long dirSyncFailures() {
        return dirSyncFailures;
    }

    /** Successful writes since this store was made. */
    public long writes() {
        return writes;
    }
}

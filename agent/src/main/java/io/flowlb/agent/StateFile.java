package io.flowlb.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The operator's state file: its first word ({@code ready}, {@code up}, {@code drain},
 * {@code maint}, {@code down}) sets the {@link AgentState}. It is read on every agent-check
 * connection and every report, so writing {@code drain} into it takes effect at once.
 *
 * <p>No file configured, a missing file or an empty one means {@link AgentState#READY}. Lines
 * starting with {@code #} are skipped. An unknown word or an unreadable file keeps the previous
 * state and is logged once per kind. Every change of state is logged once.
 *
 * <p>Thread-safety: {@link #current()} is synchronized; the reporter and agent-check threads both call it.
 */
final class StateFile {

    private static final int MAX_BYTES = 4096;

    private final Path path;
    private final Log log;
    private final ProblemLog problems;
    private AgentState state;

    /** Reads the file once, without logging, so the start-up line can show the initial state. */
    StateFile(Path path, Log log) {
        this.path = path;
        this.log = log;
        this.problems = new ProblemLog(log, "state file " + path);
        this.state = AgentState.READY;
        this.state = read();
    }

    /** The state the file says now; logs a change. */
    synchronized AgentState current() {
        AgentState now = read();
        if (now != state) {
            log.info("agent state " + state.reportName() + " -> " + now.reportName() + " (state file " + path + ")");
            state = now;
        }
        return now;
    }

    private AgentState read() {
        if (path == null) {
            return AgentState.READY;
        }
        String text;
        try (InputStream in = Files.newInputStream(path)) {
            text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.clear();
            return AgentState.READY;
        } catch (IOException e) {
            problems.problem(ProblemLog.kindOf(e), "cannot read, keeping state " + state.reportName() + ": " + ProblemLog.describe(e));
            return state;
        }
        String word = firstWord(text);
        AgentState parsed = word.isEmpty() ? AgentState.READY : AgentState.parse(word);
        if (parsed == null) {
            problems.problem("unknown word " + word, "unknown state '" + ProblemLog.abbreviate(word, 40)
                    + "' (expected ready, up, drain, maint or down), keeping state " + state.reportName());
            return state;
        }
        problems.clear();
        return parsed;
    }

    /** The first word of the first line that is neither blank nor a comment, or "". */
    private static String firstWord(String text) {
        for (String line : text.split("\r?\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                return trimmed.split("[\\s,]+", 2)[0];
            }
        }
        return "";
    }
}

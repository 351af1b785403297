package io.flowlb.bench.http;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The open-loop generator's composition root: parses the command line, runs, prints a wrk-like
 * summary and optionally writes the figures as JSON.
 *
 * <p>Exit status: 0 after a run (errors and timeouts are figures, not failures), 1 when the run
 * could not be carried out (no connection could be opened, or the JSON file cannot be written),
 * 2 for a bad command line.
 */
public final class OpenLoopHttp {

    private OpenLoopHttp() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (OpenLoopOptions.wantsHelp(args)) {
            out.print(OpenLoopOptions.USAGE);
            return 0;
        }
        OpenLoopOptions o;
        try {
            o = OpenLoopOptions.parse(args);
        } catch (OpenLoopOptions.BadArgumentException e) {
            err.println("open-loop-http: " + e.getMessage());
            return 2;
        }
        out.println("open-loop-http: " + o.describe());
        OpenLoopResult r;
        try {
            r = new OpenLoopRun(o).run();
        } catch (OpenLoopRun.RunFailedException | IOException e) {
            err.println("open-loop-http: " + e.getMessage());
            return 1;
        }
        out.print(r.text());
        if (o.jsonFile() != null) {
            try {
                Files.writeString(Path.of(o.jsonFile()), r.toJson() + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("open-loop-http: cannot write " + o.jsonFile() + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}

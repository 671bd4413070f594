package dev.seedloop.engine.shard;

import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.engine.shard.MergedReport.ScenarioReport;
import dev.seedloop.engine.shard.ShardSummary.FailureSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The merge command: reads shard summary files and prints one report per scenario (overall first
 * failure, seeds checked, each shard's status), optionally writing it as JSON too.
 *
 * <pre>
 * java -cp seedloop-engine.jar dev.seedloop.engine.shard.MergeShards [--json merged.json] DIR-OR-FILE...
 * </pre>
 *
 * <p>A directory contributes every {@code *.json} file in it. Exit status: 0 when every scenario's shards
 * are all present and passed; 1 when a failure was found; 2 when shards are missing (and no failure was
 * found) or a summary cannot be read; 64 on a usage error.
 */
public final class MergeShards {
    /** Every shard present, every seed passed. */
    public static final int PASSED = 0;
    /** A shard found a failure. */
    public static final int FAILED = 1;
    /** Shards are missing or a summary is unreadable. */
    public static final int INCOMPLETE = 2;
    /** The command line was wrong. */
    public static final int USAGE = 64;

    private static final String USAGE_TEXT =
            "usage: MergeShards [--json MERGED.json] DIR-OR-SUMMARY.json...   (directories: every *.json in them)";

    private MergeShards() {}

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command, printing to {@code out} and {@code err}, and returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path json = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--json")) {
                if (i + 1 >= args.size()) {
                    err.println("--json needs a file name" + System.lineSeparator() + USAGE_TEXT);
                    return USAGE;
                }
                json = Path.of(args.get(++i));
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE_TEXT);
                return PASSED;
            } else if (arg.startsWith("-")) {
                err.println("unknown option " + arg + System.lineSeparator() + USAGE_TEXT);
                return USAGE;
            } else {
                inputs.add(Path.of(arg));
            }
        }
        if (inputs.isEmpty()) {
            err.println("no shard summaries given" + System.lineSeparator() + USAGE_TEXT);
            return USAGE;
        }
        MergedReport report;
        try {
            report = MergedReport.merge(read(inputs));
        } catch (IllegalArgumentException | IOException e) {
            err.println("cannot merge: " + e.getMessage());
            return INCOMPLETE;
        }
        if (report.scenarios().isEmpty()) {
            err.println("no shard summaries (*.json) found in " + inputs);
            return INCOMPLETE;
        }
        out.print(text(report));
        if (json != null) {
            try {
                Files.writeString(json, toJson(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("could not write " + json.toAbsolutePath() + ": " + e.getMessage());
                return INCOMPLETE;
            }
        }
        return report.failed() ? FAILED : report.passed() ? PASSED : INCOMPLETE;
    }

    private static List<ShardSummary> read(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException(input.toAbsolutePath() + " is neither a summary file nor a directory");
            }
        }
        List<ShardSummary> summaries = new ArrayList<>();
        for (Path file : files) {
            summaries.add(ShardSummary.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        }
        return summaries;
    }

    /** The report for people. */
    static String text(MergedReport report) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        for (ScenarioReport s : report.scenarios()) {
            FailureSummary first = s.firstFailure();
            out.append(s.scenario()).append(": ");
            if (first != null) {
                out.append("FAILED, first failure at seed ").append(first.seed()).append(" (position ")
                        .append(first.position()).append(')');
                if (!s.firstFailureIsFinal()) {
                    out.append(", but shards before it are missing and could hold an earlier one");
                }
            } else if (s.missing().isEmpty()) {
                out.append("PASSED");
            } else {
                out.append("INCOMPLETE, no failure in the shards present");
            }
            out.append(nl).append("  seeds: ").append(s.seedSet()).append(", ").append(s.seedsChecked())
                    .append(" checked in ").append(s.shards().size()).append(" of ").append(s.shardCount())
                    .append(" shards").append(nl);
            if (first != null) {
                out.append("  ").append(first.message()).append(nl);
                out.append("  at step ").append(first.step()).append(", virtual time ")
                        .append(SimulationFailure.formatTime(first.timeNanos())).append(nl);
                if (!first.trace().isEmpty()) {
                    out.append("  trace (on the machine that ran the shard): ").append(first.trace()).append(nl);
                }
                out.append("  replay: -Dseedloop.seed=").append(first.seed()).append(" or @Replay(seed = ")
                        .append(first.seed()).append(')').append(nl);
            }
            for (ShardSummary shard : s.shards()) {
                out.append("  shard ").append(shard.shard().index()).append(": ");
                if (shard.failure() == null) {
                    out.append("passed ").append(shard.seedsChecked()).append(" seeds");
                } else {
                    out.append("failed at seed ").append(shard.failure().seed()).append(" after ")
                            .append(shard.seedsChecked()).append(" of ").append(shard.size()).append(" seeds");
                }
                out.append(" (positions ").append(shard.fromPosition()).append("..")
                        .append(shard.fromPosition() + shard.size() - 1).append(", digest ")
                        .append(shard.sweepDigest()).append(')').append(nl);
            }
            for (int index : s.missing()) {
                out.append("  shard ").append(index).append(": MISSING (no summary)").append(nl);
            }
        }
        return out.toString();
    }

    /** The report as JSON. */
    static String toJson(MergedReport report) {
        List<Object> scenarios = new ArrayList<>();
        for (ScenarioReport s : report.scenarios()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", s.scenario());
            json.put("seedSet", s.seedSet());
            json.put("status", s.firstFailure() != null ? "failed" : s.missing().isEmpty() ? "passed" : "incomplete");
            json.put("shardCount", (long) s.shardCount());
            json.put("seedsChecked", s.seedsChecked());
            List<Object> missing = new ArrayList<>();
            s.missing().forEach(i -> missing.add((long) i));
            json.put("missingShards", missing);
            FailureSummary f = s.firstFailure();
            if (f == null) {
                json.put("firstFailure", null);
            } else {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("seed", f.seed());
                failure.put("position", f.position());
                failure.put("final", s.firstFailureIsFinal());
                failure.put("kind", f.kind());
                failure.put("invariant", f.invariant());
                failure.put("message", f.message());
                failure.put("trace", f.trace());
                json.put("firstFailure", failure);
            }
            List<Object> shards = new ArrayList<>();
            for (ShardSummary shard : s.shards()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("index", (long) shard.shard().index());
                one.put("status", shard.passed() ? "passed" : "failed");
                one.put("seedsChecked", shard.seedsChecked());
                one.put("size", shard.size());
                shards.add(one);
            }
            json.put("shards", shards);
            scenarios.add(json);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "seedloop-merged-report/1");
        root.put("scenarios", scenarios);
        return Json.write(root);
    }
}

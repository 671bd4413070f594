package dev.seedloop.engine.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method whose body is a simulation scenario, swept over many seeds as one JUnit test.
 *
 * <p>The method takes a {@link dev.seedloop.engine.api.World} parameter and builds and drives the system in
 * it, exactly like a {@link dev.seedloop.engine.api.Scenario}; the extension calls it once per seed, on
 * several threads at once, so the body must not write to fields of the test instance. To sweep a scenario
 * that already exists, call it: {@code void election(World world) { RaftElection.correct().run(world); }}.
 *
 * <pre>{@code
 * @SimulationTest(seeds = 1000)
 * void electionIsSafe(World world) {
 *     RaftElection.correct().run(world);
 * }
 * }</pre>
 *
 * <p>Guarantees: the sweep is one test in the report; it fails with one message naming the failing seed,
 * the invariant or exception, the step and virtual time, the FULL trace file under
 * {@code target/seedloop-traces}, and the annotation and system property that replay it. The seeds run are
 * {@code firstSeed .. firstSeed+seeds-1} unless {@link Replay} pins seeds or a system property says
 * otherwise:
 *
 * <ul>
 *   <li>{@code -Dseedloop.seeds=N} sweeps N seeds instead (nightly soaks);
 *   <li>{@code -Dseedloop.firstSeed=S} starts the sweep at seed S (a different slice each night);
 *   <li>{@code -Dseedloop.seed=S} runs only seed S, in every selected simulation test (local debugging);
 *   <li>{@code -Dseedloop.threads=T} runs T seeds at once;
 *   <li>{@code -Dseedloop.shard=K/N} runs shard K of N of the seeds and writes a summary file into
 *       {@code -Dseedloop.shardDir} (default {@code target/seedloop-shards}) for
 *       {@link dev.seedloop.engine.shard.MergeShards}.
 * </ul>
 *
 * <p>Before sweeping, the extension audits the bytecode of the test method and the classes it reaches in
 * the test's package (or {@link #auditPackages()}) for escapes from the simulation (wall clock, unseeded
 * randomness, threads, identity-hash iteration order; see
 * {@link dev.seedloop.engine.audit.NondeterminismScanner}) and fails with the findings. Classes of the
 * code under test that it reaches outside those packages, such as nodes in a sibling package, are not
 * read; it names them and how to include them, without failing the test unless {@link #auditComplete()}
 * asks it to. Opt out for a deliberate use with
 * {@link dev.seedloop.engine.audit.AllowNondeterminism} and a reason.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@ExtendWith(SimulationExtension.class)
public @interface SimulationTest {
    /** How many seeds to sweep; at least 1. Overridden by {@code -Dseedloop.seeds}. */
    long seeds() default 100;

    /** The first seed of the sweep. Overridden by {@code -Dseedloop.firstSeed}. */
    long firstSeed() default 0;

    /** How many seeds run at once; 0 means one per available core. The result does not depend on it. */
    int threads() default 0;

    /**
     * Run each seed twice and compare digests, for this percentage of the seeds (0 to 100; chosen by a
     * hash of the seed, so the same seeds every time). A mismatch fails the test with the first event
     * where the two runs diverged. Catches nondeterminism the bytecode audit cannot see.
     */
    int runTwicePercent() default 0;

    /**
     * Package prefixes whose classes the bytecode audit follows from the test method; empty means the
     * test class's own package and its subpackages. A non-empty list replaces that default, so name the
     * test's package too if it holds classes the test uses, for example
     * {@code auditPackages = {"com.acme.raft"}} for a test in {@code com.acme.raft.test} and nodes in
     * {@code com.acme.raft}. Classes of the code under test that the audit reaches but does not follow are
     * named, with the value to write here, in a {@code seedloop.audit} report entry (or in the failure
     * message when the audit finds something); see
     * {@link dev.seedloop.engine.audit.AuditReport#unscanned()}.
     */
    String[] auditPackages() default {};

    /**
     * Fail the test, before any seed runs, when the bytecode audit reaches classes of the code under test
     * that it does not read (the list {@link dev.seedloop.engine.audit.AuditReport#unscanned()} names),
     * instead of only naming them in a report entry. For builds that must not pass on an audit that saw
     * part of the code. {@code -Dseedloop.auditComplete=true} (or {@code false}) sets it for every
     * simulation test and overrides this value.
     */
    boolean auditComplete() default false;
}

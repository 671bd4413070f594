package dev.seedloop.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.audit.leaky.LeakyNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bytecode audit on nodes that escape the simulation on purpose, one escape each. */
class NondeterminismScannerTests {
    private static final Path LEAKY_SOURCE =
            Path.of("src/test/java/dev/seedloop/engine/audit/leaky/LeakyNodes.java");

    private static final NondeterminismScanner SCANNER = NondeterminismScanner.forPackages(
            List.of("dev.seedloop.engine.audit.leaky"), NondeterminismScannerTests.class.getClassLoader());

    /** The source line marked {@code // LEAK: <marker>}. */
    private static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(LEAKY_SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// LEAK: " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line marked " + marker);
    }

    private static Class<?> node(String simpleName) throws ClassNotFoundException {
        return Class.forName(LeakyNodes.class.getName() + "$" + simpleName);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            EnumHashSetNode      | enum-hash-iteration     | iterating (iterator()) a HashSet with LeakyNodes.Role keys whose hash codes are identity hashes | LinkedHashMap/LinkedHashSet
            IdentityHashSetNode  | identity-hash-iteration | iterating (forEach()) a HashSet with LeakyNodes.Peer keys whose hash codes are identity hashes  | EnumMap/EnumSet
            IdentityKeyedMapNode | map-entry-iteration     | iterating (entrySet()) a HashMap with LeakyNodes.Peer keys                                      | TreeMap/TreeSet
            NanoTimeNode         | nanoTime                | System.nanoTime() reads the wall clock                                                          | ctx.nowNanos()
            UnseededRandomNode   | new-random              | new Random() is seeded from the wall clock                                                      | ctx.random()
            ThreadNode           | thread                  | new Thread(...) runs code outside the engine's event order                                      | ctx.setTimer
            SaltedOrderNode      | salted-field            | iterating (iterator()) a Set.of(...) collection, whose iteration order the JDK randomizes at every JVM start | new TreeSet<>(Set.of(...))
            DateAndShuffleNode   | date                    | new Date() reads the wall clock                                                                 | ctx.nowNanos()
            StaticCounterNode    | static-write            | writes the static field LeakyNodes.StaticCounterNode.started, which every run in the JVM shares | state created per run
            """)
    void eachLeakIsReportedWithClassMethodLineAndReplacement(String node, String marker, String escape,
            String replacement) throws Exception {
        Class<?> type = node(node);
        AuditReport report = SCANNER.scanClasses(type);

        assertThat(report.clean()).isFalse();
        Finding finding = report.findings().get(0);
        assertThat(finding.className()).isEqualTo(type.getName());
        assertThat(finding.method()).isIn("onStart", "onMessage");
        assertThat(finding.line()).isEqualTo(lineOf(marker));
        assertThat(finding.escape()).contains(escape);
        assertThat(finding.replacement()).contains(replacement);
        assertThat(finding.render()).startsWith("at " + type.getName() + "." + finding.method()
                + "(LeakyNodes.java:" + lineOf(marker) + "): ");
    }

    @Test
    void aThreadIsReportedBothWhereItIsMadeAndWhereItIsStarted() throws Exception {
        AuditReport report = SCANNER.scanClasses(LeakyNodes.ThreadNode.class);
        assertThat(report.findings()).extracting(Finding::escape).containsExactly(
                "new Thread(...) runs code outside the engine's event order",
                "Thread.start() runs code outside the engine's event order");
        assertThat(report.findings()).extracting(Finding::line).containsExactly(lineOf("thread"), lineOf("thread") + 1);
    }

    @Test
    void everyOtherEscapeIsReportedOnItsOwnLine() throws Exception {
        AuditReport report = SCANNER.scanClasses(LeakyNodes.ManyEscapesNode.class);
        assertThat(report.findings()).extracting(Finding::line).containsExactly(
                lineOf("instant-now"), lineOf("uuid"), lineOf("math-random"), lineOf("identity-hash-code"),
                lineOf("executor"), lineOf("async"), lineOf("parallel-stream"));
        assertThat(report.findings()).extracting(Finding::escape).containsExactly(
                "Instant.now() reads the wall clock, which differs on every run",
                "UUID.randomUUID() is unseeded randomness",
                "Math.random() is unseeded randomness",
                "System.identityHashCode() differs on every run",
                "Executors.newFixedThreadPool() runs tasks on threads the engine does not schedule",
                "CompletableFuture.runAsync() runs its task on another thread",
                "List.parallelStream() processes elements on several threads in no fixed order");
    }

    @Test
    void everyIterationOfAnImmutableSetOrMapIsReportedWhateverItsElements() throws Exception {
        AuditReport report = SCANNER.scanClasses(LeakyNodes.SaltedOrderNode.class);
        assertThat(report.findings()).extracting(Finding::line)
                .containsExactly(lineOf("salted-field"), lineOf("salted-local"));
        assertThat(report.findings()).extracting(Finding::escape).containsExactly(
                "iterating (iterator()) a Set.of(...) collection, whose iteration order the JDK randomizes at every "
                        + "JVM start, even for String or Integer elements, so it changes between processes",
                "iterating (forEach()) a Map.of(...) collection, whose iteration order the JDK randomizes at every "
                        + "JVM start, even for String or Integer elements, so it changes between processes");
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.replacement()).startsWith("List.of(...)"));
    }

    @Test
    void anUnseededShuffleIsReportedAndASeededOneIsNot() throws Exception {
        AuditReport report = SCANNER.scanClasses(LeakyNodes.DateAndShuffleNode.class);
        assertThat(report.findings()).extracting(Finding::line).containsExactly(lineOf("date"), lineOf("shuffle"));
        assertThat(report.findings().get(1).escape())
                .isEqualTo("Collections.shuffle(list) draws from a generator seeded from the clock");
        assertThat(report.findings().get(1).replacement()).contains("new Random(ctx.random().nextLong())");
    }

    @Test
    void stateSharedByEveryRunIsReported() throws Exception {
        AuditReport scenario = SCANNER.scanClasses(LeakyNodes.CountingScenario.class);
        assertThat(scenario.findings()).singleElement().satisfies(f -> {
            assertThat(f.method()).isEqualTo("run");
            assertThat(f.line()).isEqualTo(lineOf("scenario-field"));
            assertThat(f.escape()).startsWith("writes the field LeakyNodes.CountingScenario.runs of a Scenario");
        });

        AuditReport test = SCANNER.scanMethod(LeakyNodes.SharedFieldTest.class.getMethod("body",
                dev.seedloop.engine.api.World.class));
        assertThat(test.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(lineOf("test-field"));
            assertThat(f.escape()).startsWith("writes the field LeakyNodes.SharedFieldTest.runs of the test instance");
            assertThat(f.replacement()).startsWith("a local variable in the method body");
        });

        // A node's own fields are per run (the scenario builds the nodes of each run), and so not reported.
        assertThat(SCANNER.scanClasses(LeakyNodes.EnumHashSetNode.class).findings())
                .noneMatch(f -> f.escape().startsWith("writes"));
    }

    @Test
    void orderedCollectionsSeededRandomnessAndVirtualTimeAreClean() {
        AuditReport report = SCANNER.scanClasses(LeakyNodes.CleanNode.class);
        assertThat(report.findings()).isEmpty();
        assertThat(report.classesScanned()).contains(LeakyNodes.CleanNode.class.getName(),
                LeakyNodes.Peer.class.getName(), LeakyNodes.Role.class.getName());
        assertThat(report.render()).isEqualTo("  (0 findings; " + report.classesScanned().size() + " classes scanned)");
    }

    @Test
    void allowNondeterminismOnAClassOrMethodMovesItsFindingsAsideWithTheReason() throws Exception {
        AuditReport onClass = SCANNER.scanClasses(LeakyNodes.AllowedNode.class);
        assertThat(onClass.clean()).isTrue();
        assertThat(onClass.allowed()).singleElement().asString()
                .contains("System.currentTimeMillis()")
                .endsWith("[allowed: measures how long a handler takes for a log line; decides nothing]");

        AuditReport onMethod = SCANNER.scanClasses(LeakyNodes.PartlyAllowedNode.class);
        assertThat(onMethod.findings()).singleElement().satisfies(f -> {
            assertThat(f.method()).isEqualTo("onMessage");
            assertThat(f.line()).isEqualTo(lineOf("unallowed-millis"));
        });
        assertThat(onMethod.allowed()).singleElement().asString().endsWith("[allowed: a log line only]");
    }

    @Test
    void theScanFollowsReferencesWithinThePackagesOnly() {
        // The scenario class references IdentityHashSetNode; the scan reaches it from there.
        AuditReport report = SCANNER.scanClasses(ScenarioUsingLeakyNode.class);
        assertThat(report.classesScanned()).first().isEqualTo(ScenarioUsingLeakyNode.class.getName());
        assertThat(report.findings()).extracting(Finding::className)
                .containsExactly(LeakyNodes.IdentityHashSetNode.class.getName());
        assertThat(report.classesScanned()).noneMatch(name -> name.startsWith("java."));

        NondeterminismScanner elsewhere = NondeterminismScanner.forPackages(List.of("com.example"),
                getClass().getClassLoader());
        assertThat(elsewhere.scanClasses(ScenarioUsingLeakyNode.class).classesScanned())
                .containsExactly(ScenarioUsingLeakyNode.class.getName());
    }

    @Test
    void aHashSetCopiedIntoAListIsInvisibleToTheScan() {
        // The iteration happens inside ArrayList's constructor: this is what running twice is for.
        assertThat(SCANNER.scanClasses(LeakyNodes.CopiesAHashSetNode.class).findings()).isEmpty();
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        ClassLoader loader = getClass().getClassLoader();
        assertThatThrownBy(() -> NondeterminismScanner.forPackages(List.of(), loader))
                .hasMessage("name at least one package to scan, for example com.acme.raft");
        assertThatThrownBy(() -> NondeterminismScanner.forPackages(List.of("com.acme."), loader))
                .hasMessage("a package to scan must be a Java package name such as com.acme.raft, got 'com.acme.'");
    }

    @Test
    void genericSignaturesGiveTheKeyType() {
        assertThat(HashOrderCheck.firstTypeArgument("Ljava/util/Set<Lcom/acme/Role;>;")).isEqualTo("com/acme/Role");
        assertThat(HashOrderCheck.firstTypeArgument("Ljava/util/Map<Lcom/acme/Outer<TT;>.Inner;Ljava/lang/Integer;>;"))
                .isEqualTo("com/acme/Outer");
        assertThat(HashOrderCheck.firstTypeArgument("Ljava/util/Set<TT;>;")).isNull();
        assertThat(HashOrderCheck.firstTypeArgument("Ljava/util/Set<*>;")).isNull();
        assertThat(HashOrderCheck.firstTypeArgument("Ljava/util/Set;")).isNull();
        assertThat(HashOrderCheck.firstTypeArgument(null)).isNull();
    }
}

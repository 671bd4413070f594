package dev.seedloop.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.audit.sibling.nodes.WallClockNode;
import dev.seedloop.engine.audit.sibling.test.SiblingScenario;
import dev.seedloop.engine.audit.sibling.test.UsesLibraries;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What the audit says about the classes of the code under test that it did not read. */
class UnscannedClassesTests {
    private static final String TEST_PACKAGE = "dev.seedloop.engine.audit.sibling.test";
    private static final String NODE_PACKAGE = "dev.seedloop.engine.audit.sibling.nodes";
    private static final String UTIL_PACKAGE = "dev.seedloop.engine.audit.sibling.util";
    private static final Path NODE_SOURCE =
            Path.of("src/test/java/dev/seedloop/engine/audit/sibling/nodes/WallClockNode.java");
    private static final String NL = System.lineSeparator();

    private static AuditReport scan(List<String> packages, Class<?> root) {
        return NondeterminismScanner.forPackages(packages, UnscannedClassesTests.class.getClassLoader())
                .scanClasses(root);
    }

    @Test
    void aNodeInASiblingPackageIsNamedWithTheWayToAuditIt() {
        AuditReport report = scan(List.of(TEST_PACKAGE), SiblingScenario.class);

        // Not read, so its wall-clock read is not found; but the report now says so.
        assertThat(report.findings()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.classesScanned()).containsExactly(SiblingScenario.class.getName());
        assertThat(report.unscanned()).containsExactly(WallClockNode.class.getName());
        assertThat(report.packages()).containsExactly(TEST_PACKAGE);
        assertThat(report.render()).isEqualTo("  (0 findings; 1 class scanned)" + NL
                + "  not scanned: 1 class of the code under test outside the audited packages "
                + "(dev.seedloop.engine.audit.sibling.test): dev.seedloop.engine.audit.sibling.nodes.WallClockNode" + NL
                + "  to audit it too: @SimulationTest(auditPackages = {\"dev.seedloop.engine.audit.sibling.nodes\", "
                + "\"dev.seedloop.engine.audit.sibling.test\"}), or the same packages to NondeterminismScanner.forPackages");
    }

    @Test
    void auditingThePackagesItNamesFindsTheWallClockRead() throws IOException {
        List<String> suggested = scan(List.of(TEST_PACKAGE), SiblingScenario.class).packagesToAudit();
        assertThat(suggested).containsExactly(NODE_PACKAGE, TEST_PACKAGE);

        AuditReport report = scan(suggested, SiblingScenario.class);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.className()).isEqualTo(WallClockNode.class.getName());
            assertThat(f.method()).isEqualTo("onStart");
            assertThat(f.line()).isEqualTo(lineOf("sibling-millis"));
            assertThat(f.escape()).startsWith("System.currentTimeMillis() reads the wall clock");
        });
        assertThat(report.unscanned()).isEmpty();
        assertThat(report.render()).doesNotContain("not scanned");
    }

    @Test
    void aParentPackageCoversTheOnesBelowIt() {
        AuditReport report = new AuditReport(List.of(), List.of(), List.of("com.acme.raft.test.ElectionTests"), false,
                List.of("com.acme.raft.Node", "com.acme.raft.log.Log"), List.of("com.acme.raft.test"));
        assertThat(report.packagesToAudit()).containsExactly("com.acme.raft");
    }

    @Test
    void theJdkSeedloopAndLibraryJarsAreNeverListed() {
        AuditReport report = scan(List.of(TEST_PACKAGE), UsesLibraries.class);
        // Referenced from UsesLibraries: ArrayList, Duration, List (JDK), Context, Node (engine), RunDigest
        // (trace-format), Type (ASM's jar), Assertions (JUnit's jar), and the two helpers. Only the helpers are listed.
        assertThat(report.unscanned()).containsExactly(
                "dev.seedloop.engine.audit.sibling.util.Alpha", "dev.seedloop.engine.audit.sibling.util.Zeta");
    }

    @Test
    void theLibrariesLeftOutAreReachedAndWouldBeReadIfTheirPackagesWereFollowed() {
        // The negative space of the test above: the library classes are referenced, not just absent.
        AuditReport report = scan(List.of(TEST_PACKAGE, "org.objectweb.asm", "org.junit.jupiter.api", UTIL_PACKAGE),
                UsesLibraries.class);
        assertThat(report.classesScanned()).contains("org.objectweb.asm.Type", "org.junit.jupiter.api.Assertions",
                "dev.seedloop.engine.audit.sibling.util.Alpha");
        assertThat(report.classesScanned()).noneMatch(name -> name.startsWith("dev.seedloop.trace"));
    }

    @Test
    void aClassFromTheJarOfAScannedClassOrFromADirectoryIsListedAndOneFromAnotherJarIsNot(@TempDir Path dir)
            throws Exception {
        // app.jar: the scanned class and a helper; lib.jar: a library; classes/: another build output.
        Path app = dir.resolve("app.jar");
        Path lib = dir.resolve("lib.jar");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        writeJar(app, "com/acme/app/Main", classCalling("com/acme/app/Main",
                        "com/acme/lib/Helper", "com/acme/shared/Clock", "com/acme/local/Thing", "java/lang/Thread"),
                "com/acme/shared/Clock", classCalling("com/acme/shared/Clock"));
        writeJar(lib, "com/acme/lib/Helper", classCalling("com/acme/lib/Helper"));
        Path thing = Files.createDirectories(classes.resolve("com/acme/local")).resolve("Thing.class");
        Files.write(thing, classCalling("com/acme/local/Thing"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {app.toUri().toURL(), lib.toUri().toURL(),
                classes.toUri().toURL()}, getClass().getClassLoader())) {
            AuditReport report = NondeterminismScanner.forPackages(List.of("com.acme.app"), loader)
                    .scanClasses(loader.loadClass("com.acme.app.Main"));
            assertThat(report.classesScanned()).containsExactly("com.acme.app.Main");
            assertThat(report.unscanned()).containsExactly("com.acme.local.Thing", "com.acme.shared.Clock");

            AuditReport withLibrary = NondeterminismScanner.forPackages(List.of("com.acme.app", "com.acme.lib"), loader)
                    .scanClasses(loader.loadClass("com.acme.app.Main"));
            assertThat(withLibrary.classesScanned()).as("the library is reached when followed")
                    .containsExactly("com.acme.app.Main", "com.acme.lib.Helper");
        }
    }

    @Test
    void theListIsSortedAndTheSummaryNamesThreeThenCounts() {
        AuditReport report = new AuditReport(List.of(), List.of(), List.of("com.acme.test.T"), false,
                List.of("com.acme.e.E", "com.acme.b.B", "com.acme.d.D", "com.acme.a.A", "com.acme.c.C"),
                List.of("com.acme.test"));
        assertThat(report.unscanned())
                .containsExactly("com.acme.a.A", "com.acme.b.B", "com.acme.c.C", "com.acme.d.D", "com.acme.e.E");
        assertThat(report.render()).isEqualTo("  (0 findings; 1 class scanned)" + NL
                + "  not scanned: 5 classes of the code under test outside the audited packages (com.acme.test): "
                + "com.acme.a.A, com.acme.b.B, com.acme.c.C and 2 more" + NL
                + "  to audit them too: @SimulationTest(auditPackages = {\"com.acme.a\", \"com.acme.b\", \"com.acme.c\", "
                + "\"com.acme.d\", \"com.acme.e\", \"com.acme.test\"}), or the same packages to "
                + "NondeterminismScanner.forPackages");

        // Zeta is referenced before Alpha in the code; the scan lists them by name, the same on every scan.
        AuditReport first = scan(List.of(TEST_PACKAGE), UsesLibraries.class);
        assertThat(first.unscanned()).isSorted();
        assertThat(scan(List.of(TEST_PACKAGE), UsesLibraries.class)).isEqualTo(first);
    }

    @Test
    void theOldConstructorListsNothingUnscannedAndRendersAsBefore() {
        AuditReport report = new AuditReport(List.of(), List.of(), List.of("a.B", "a.C"), true);
        assertThat(report.unscanned()).isEmpty();
        assertThat(report.packages()).isEmpty();
        assertThat(report.render()).isEqualTo("  (0 findings; 2 classes scanned, scan stopped at its class limit)");
    }

    /** The source line of the sibling node marked {@code // LEAK: <marker>}. */
    private static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(NODE_SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// LEAK: " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line marked " + marker);
    }

    /** A public class {@code name} whose static {@code touch()} calls {@code touch()} on each of {@code callees}. */
    private static byte[] classCalling(String name, String... callees) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, name, null, "java/lang/Object", null);
        MethodVisitor touch = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "touch", "()V", null, null);
        touch.visitCode();
        for (String callee : callees) {
            touch.visitMethodInsn(Opcodes.INVOKESTATIC, callee, "touch", "()V", false);
        }
        touch.visitInsn(Opcodes.RETURN);
        touch.visitMaxs(0, 0);
        touch.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Writes a jar of the given classes: internal name, bytes, internal name, bytes, ... */
    private static void writeJar(Path jar, Object... entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < entries.length; i += 2) {
                out.putNextEntry(new JarEntry(entries[i] + ".class"));
                out.write((byte[]) entries[i + 1]);
                out.closeEntry();
            }
        }
    }
}

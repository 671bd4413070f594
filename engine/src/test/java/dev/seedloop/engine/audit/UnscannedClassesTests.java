package dev.seedloop.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.audit.sibling.nodes.WallClockNode;
import dev.seedloop.engine.audit.sibling.test.SiblingScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the audit says about the user's classes it did not read because they lie outside its packages. */
class UnscannedClassesTests {
    private static final String TEST_PACKAGE = "dev.seedloop.engine.audit.sibling.test";
    private static final String NODE_PACKAGE = "dev.seedloop.engine.audit.sibling.nodes";

    private static AuditReport scan(List<String> packages, Class<?> root) {
        return NondeterminismScanner.forPackages(packages, UnscannedClassesTests.class.getClassLoader())
                .scanClasses(root);
    }

    @Test
    void aNodeInASiblingPackageIsNotScanned() {
        AuditReport report = scan(List.of(TEST_PACKAGE), SiblingScenario.class);
        assertThat(report.findings()).isEmpty();
        assertThat(report.classesScanned()).containsExactly(SiblingScenario.class.getName());
        assertThat(report.render()).doesNotContain(WallClockNode.class.getName());
    }
}

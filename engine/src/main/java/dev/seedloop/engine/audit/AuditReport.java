package dev.seedloop.engine.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a bytecode audit found: the findings in source order of the scan, the classes it read, the
 * findings it dropped because an {@link AllowNondeterminism} covered them (with its reason), and the
 * classes of the code under test that it did not read because they lie outside its packages.
 *
 * @param findings the escapes found, each with class, method, line and replacement
 * @param allowed findings covered by an {@link AllowNondeterminism}, rendered with its reason
 * @param classesScanned the classes read, in the order they were scanned
 * @param truncated whether the scan stopped at its class limit before reading everything it reached
 * @param unscanned classes that scanned code references but the scan did not follow, because their
 *     package is not among {@code packages}, and that belong to the code under test rather than to a
 *     library (see {@link NondeterminismScanner} for the rule); Java names, sorted, each once. Not findings: a
 *     report listing them is still {@link #clean()}, but escapes in them go unseen
 * @param packages the packages the scan followed (subpackages included), as given to
 *     {@link NondeterminismScanner#forPackages}; empty if not known
 */
public record AuditReport(List<Finding> findings, List<String> allowed, List<String> classesScanned, boolean truncated,
        List<String> unscanned, List<String> packages) {

    /** How many unscanned classes the summary names before it only counts the rest. */
    static final int NAMED = 3;

    /** Copies the lists and sorts {@code unscanned}. */
    public AuditReport {
        findings = List.copyOf(findings);
        allowed = List.copyOf(allowed);
        classesScanned = List.copyOf(classesScanned);
        unscanned = List.copyOf(new TreeSet<>(unscanned));
        packages = List.copyOf(packages);
    }

    /** A report that names no unscanned classes and no packages, as before those were recorded. */
    public AuditReport(List<Finding> findings, List<String> allowed, List<String> classesScanned, boolean truncated) {
        this(findings, allowed, classesScanned, truncated, List.of(), List.of());
    }

    /** Whether nothing was found. Unscanned classes do not count: they are not findings. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /**
     * The packages to audit so that the scan also reads the unscanned classes: {@link #packages()} and
     * the packages of {@link #unscanned()}, sorted, without any that another one already covers as a
     * subpackage. Equal to the sorted {@code packages} when nothing is unscanned.
     */
    List<String> packagesToAudit() {
        TreeSet<String> all = new TreeSet<>(packages);
        for (String name : unscanned) {
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                all.add(name.substring(0, dot));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String name : all) {
            // Sorted, so a package comes after every package that covers it.
            if (kept.stream().noneMatch(parent -> name.startsWith(parent + "."))) {
                kept.add(name);
            }
        }
        return List.copyOf(kept);
    }

    /**
     * One line per finding, indented, then a line saying how many classes were read; if classes were
     * left unscanned, a line naming up to three of them with their count, and a line with the packages
     * to audit instead, as a {@code @SimulationTest(auditPackages = ...)} value.
     */
    public String render() {
        String newline = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        for (Finding finding : findings) {
            out.append("  ").append(finding.render()).append(newline);
        }
        out.append("  (").append(findings.size()).append(findings.size() == 1 ? " finding; " : " findings; ")
                .append(classesScanned.size()).append(classesScanned.size() == 1 ? " class scanned" : " classes scanned")
                .append(truncated ? ", scan stopped at its class limit" : "").append(')');
        if (!unscanned.isEmpty()) {
            boolean one = unscanned.size() == 1;
            out.append(newline).append("  not scanned: ").append(unscanned.size())
                    .append(one ? " class" : " classes").append(" of the code under test outside the audited packages");
            if (!packages.isEmpty()) {
                out.append(" (").append(String.join(", ", packages)).append(')');
            }
            out.append(": ").append(String.join(", ", unscanned.subList(0, Math.min(NAMED, unscanned.size()))));
            if (unscanned.size() > NAMED) {
                out.append(" and ").append(unscanned.size() - NAMED).append(" more");
            }
            out.append(newline).append("  to audit ").append(one ? "it" : "them").append(" too: ")
                    .append("@SimulationTest(auditPackages = {")
                    .append(String.join(", ", packagesToAudit().stream().map(p -> '"' + p + '"').toList()))
                    .append("}), or the same packages to NondeterminismScanner.forPackages");
        }
        return out.toString();
    }
}

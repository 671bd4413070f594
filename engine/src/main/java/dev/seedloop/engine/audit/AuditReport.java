package dev.seedloop.engine.audit;

import java.util.List;

/**
 * What a bytecode audit found: the findings in source order of the scan, the classes it read, and the
 * findings it dropped because an {@link AllowNondeterminism} covered them (with its reason).
 *
 * @param findings the escapes found, each with class, method, line and replacement
 * @param allowed findings covered by an {@link AllowNondeterminism}, rendered with its reason
 * @param classesScanned the classes read, in the order they were scanned
 * @param truncated whether the scan stopped at its class limit before reading everything it reached
 */
public record AuditReport(List<Finding> findings, List<String> allowed, List<String> classesScanned, boolean truncated) {
    /** Copies the lists. */
    public AuditReport {
        findings = List.copyOf(findings);
        allowed = List.copyOf(allowed);
        classesScanned = List.copyOf(classesScanned);
    }

    /** Whether nothing was found. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /** One line per finding, indented, then a line saying how many classes were read. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Finding finding : findings) {
            out.append("  ").append(finding.render()).append(System.lineSeparator());
        }
        out.append("  (").append(findings.size()).append(findings.size() == 1 ? " finding; " : " findings; ")
                .append(classesScanned.size()).append(classesScanned.size() == 1 ? " class scanned" : " classes scanned")
                .append(truncated ? ", scan stopped at its class limit" : "").append(')');
        return out.toString();
    }
}

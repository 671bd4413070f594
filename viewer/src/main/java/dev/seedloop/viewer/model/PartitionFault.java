package dev.seedloop.viewer.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the two sides of a partition fault from its recorded description, which the engine writes as
 * {@code partition side=[n1,n3] from=... to=...}: the named nodes form one group, every other node the
 * other. A description this reader does not understand yields no groups (nothing is shaded).
 */
final class PartitionFault {
    private PartitionFault() {}

    static List<List<Integer>> groups(String description, List<String> nodeNames) {
        int open = description.indexOf("side=[");
        int close = open < 0 ? -1 : description.indexOf(']', open);
        if (open < 0 || close < 0) {
            return List.of();
        }
        List<Integer> side = new ArrayList<>();
        for (String name : description.substring(open + "side=[".length(), close).split(",")) {
            int index = nodeNames.indexOf(name.trim());
            if (index >= 0) {
                side.add(index);
            }
        }
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < nodeNames.size(); i++) {
            if (!side.contains(i)) {
                rest.add(i);
            }
        }
        return side.isEmpty() || rest.isEmpty() ? List.of() : List.of(List.copyOf(side), List.copyOf(rest));
    }
}

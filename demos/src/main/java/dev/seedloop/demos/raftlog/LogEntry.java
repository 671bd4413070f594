package dev.seedloop.demos.raftlog;

/**
 * One entry of a Raft log: the term of the leader that created it and the client command it carries.
 *
 * @param term the term in which a leader appended the entry
 * @param command the command, opaque to Raft (never contains {@code '|'})
 */
public record LogEntry(int term, String command) {
    @Override
    public String toString() {
        return "t" + term + ":" + command;
    }
}

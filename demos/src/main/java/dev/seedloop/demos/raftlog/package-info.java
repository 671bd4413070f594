/**
 * Raft with log replication and commitment, and its classic flaw: a leader that commits an entry of an
 * earlier term by counting replicas (the Raft paper's Figure 8). The invariant is state machine safety.
 */
package dev.seedloop.demos.raftlog;

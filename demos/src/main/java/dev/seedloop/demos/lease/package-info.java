/**
 * A lease-based lock service and its classic flaw: a lock holder that is paused (or whose clock runs
 * slow) keeps writing after its lease has passed to someone else, and storage accepts it because it does
 * not check a fencing token.
 */
package dev.seedloop.demos.lease;

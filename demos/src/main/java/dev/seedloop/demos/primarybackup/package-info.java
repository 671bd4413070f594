/**
 * A primary-backup register under crash-restart, and its classic flaw: acknowledging a write before it
 * is durable ({@code Storage.sync}), so that a crash loses a write the client was told is safe.
 */
package dev.seedloop.demos.primarybackup;

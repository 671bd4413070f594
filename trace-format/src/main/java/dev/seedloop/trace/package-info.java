/**
 * The seedloop trace format, version 1: the public API.
 *
 * <p>{@link dev.seedloop.trace.TraceWriter} and {@link dev.seedloop.trace.TraceReader} stream trace files;
 * {@link dev.seedloop.trace.TraceEvent} is the event model (one record per kind);
 * {@link dev.seedloop.trace.RunDigest} with {@link dev.seedloop.trace.EventKindCode} is the run digest the
 * engine and every reader compute; {@link dev.seedloop.trace.TraceVerifier} checks a file against its
 * footer; {@link dev.seedloop.trace.Trace} holds a whole trace in memory. The format itself is specified in
 * {@code docs/trace-format.md} and {@code trace.proto}. Nothing here depends on the engine or the viewer.
 */
package dev.seedloop.trace;

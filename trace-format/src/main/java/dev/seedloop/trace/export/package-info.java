/**
 * Other renderings of a trace, streamed from a {@code TraceReader}: text, JSON lines, Mermaid sequence
 * diagrams, Chrome/Perfetto trace events. {@link dev.seedloop.trace.export.EventFormatter} is the shared
 * one-line rendering of an event.
 */
package dev.seedloop.trace.export;

/**
 * Encoding and decoding behind {@code TraceWriter} and {@code TraceReader}: framing, the string table,
 * event and header codecs, limits. Public only because Java packages require it; not an API, and it may
 * change in any release. Readers and writers of other languages follow {@code docs/trace-format.md}.
 */
package dev.seedloop.trace.internal;

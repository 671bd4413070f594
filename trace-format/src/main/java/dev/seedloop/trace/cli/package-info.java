/**
 * The {@code trace} command-line tool ({@link dev.seedloop.trace.cli.TraceCli}); the only package that uses
 * picocli. Exit codes: {@link dev.seedloop.trace.cli.ExitCodes}.
 */
package dev.seedloop.trace.cli;

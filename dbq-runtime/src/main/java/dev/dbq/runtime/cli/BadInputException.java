package dev.dbq.runtime.cli;

/**
 * A user's mistake on the command line: the CLI prints its message as one line on stderr and exits
 * 2, with no stack trace and nothing written to the database.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }
}

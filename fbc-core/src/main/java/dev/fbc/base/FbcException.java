package dev.fbc.base;

/** A failure of an fbc operation, with a message fit to show to a user on one line. */
public class FbcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FbcException(String message) {
    super(message);
  }

  public FbcException(String message, Throwable cause) {
    super(message, cause);
  }
}

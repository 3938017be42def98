package dev.fbc.base;

/**
 * A failure of an fbc operation, with a message fit to show to a user on one line. The message speaks of the
 * library's own terms only; a front end that has its own words for the way out (a command-line flag, a form
 * field) reads {@link #remedy()} and adds them.
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public class FbcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What the caller can change to get past the failure, for a front end to put in its own words. */
  public enum Remedy {
    /** Nothing in particular beyond the message. */
    NONE,
    /** Name the bundle an added entry replaces (the channel has no single head to pick). */
    NAME_REPLACED_BUNDLE,
    /** Name the channel to use (the package has no default channel). */
    NAME_CHANNEL,
    /** Trust the registry's private CA, or allow plain HTTP for it. */
    TRUST_REGISTRY,
    /** Provide credentials for the registry. */
    PROVIDE_CREDENTIALS,
    /** Allow plain HTTP for the registry's token service explicitly, if that is intended. */
    ALLOW_PLAIN_HTTP,
    /** Allow bundle directories in a template (for a preview). */
    ALLOW_BUNDLE_DIRECTORIES,
    /** Add the package first (by adding one of its bundles). */
    ADD_PACKAGE_FIRST,
    /** Go on without validating the catalog first (when an invalid catalog is wanted on purpose). */
    SKIP_VALIDATION,
    /** Replace output files that exist with other content. */
    REPLACE_EXISTING
  }

  private final Remedy remedy;

  public FbcException(String message) {
    this(message, Remedy.NONE, null);
  }

  public FbcException(String message, Throwable cause) {
    this(message, Remedy.NONE, cause);
  }

  public FbcException(String message, Remedy remedy) {
    this(message, remedy, null);
  }

  public FbcException(String message, Remedy remedy, Throwable cause) {
    super(message, cause);
    this.remedy = remedy == null ? Remedy.NONE : remedy;
  }

  /** The way out the message hints at; {@link Remedy#NONE} when there is nothing to add. */
  public Remedy remedy() {
    return remedy;
  }
}

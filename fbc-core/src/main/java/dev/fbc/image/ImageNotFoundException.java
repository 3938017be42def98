package dev.fbc.image;

import dev.fbc.base.FbcException;

/** The registry answered that it has no such tag or digest: the reference is wrong, not the network. */
public final class ImageNotFoundException extends FbcException {
  private static final long serialVersionUID = 1L;

  public ImageNotFoundException(String message) {
    super(message);
  }
}

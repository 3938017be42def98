package dev.fbc.model;

import dev.fbc.base.Source;
/**
 * A blob of a schema other than the four of OLM, kept verbatim.
 *
 * @param content the whole blob as raw JSON, {@code schema} included
 */
public record UnknownBlob(String schema, String packageName, String name, RawJson content, Source source)
    implements Blob {

  public UnknownBlob {
    schema = Extras.str(schema);
    packageName = Extras.str(packageName);
    name = Extras.str(name);
    if (content == null || !content.isObject()) {
      throw new IllegalArgumentException("content must be a JSON object");
    }
    source = source == null ? Source.NONE : source;
  }

  @Override
  public UnknownBlob withSource(Source s) {
    return new UnknownBlob(schema, packageName, name, content, s);
  }
}

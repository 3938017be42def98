/**
 * fbc-core: File-Based Catalogs of OLM as a library. Start with {@link dev.fbc.Fbc}; the packages below it are
 * the layers (see {@code docs/architecture.md}): {@code base} (problems, options, exceptions), {@code model} (blobs
 * as read), {@code semantic} and {@code graph} (the linked model and upgrade graphs), and the operations. Packages
 * under {@code dev.fbc.internal} are not exported.
 *
 * <p>Schema validation needs {@code com.networknt.schema} and images need {@code org.apache.commons.compress} on
 * the module path; both are optional.
 */
module dev.fbc.core {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.core;
  requires org.yaml.snakeyaml;
  requires java.net.http;
  requires static com.networknt.schema;
  requires static org.apache.commons.compress;

  exports dev.fbc;
  exports dev.fbc.base;
  exports dev.fbc.build;
  exports dev.fbc.diff;
  exports dev.fbc.explain;
  exports dev.fbc.graph;
  exports dev.fbc.graph.render;
  exports dev.fbc.image;
  exports dev.fbc.mirror;
  exports dev.fbc.model;
  exports dev.fbc.ops;
  exports dev.fbc.semantic;
  exports dev.fbc.semver;
  exports dev.fbc.template;
  exports dev.fbc.text;
  exports dev.fbc.validate;
}

/**
 * Catalog templates (basic and semver) rendered as opm renders them, with the bundles they name fetched through a
 * {@link dev.fbc.template.BundleSource}. Templates are immutable; thread-safety of rendering is that of the bundle
 * source given.
 */
package dev.fbc.template;

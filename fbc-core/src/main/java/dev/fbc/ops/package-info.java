/**
 * Operations on catalogs: rendering bundles and images, filtering as oc-mirror does ({@link
 * dev.fbc.ops.CatalogFilter}), merging, editing in place ({@link dev.fbc.ops.CatalogEditor}, not thread-safe),
 * package initialisation and dependency resolution. Unless a type says otherwise, operations are stateless and
 * thread-safe and their results immutable.
 */
package dev.fbc.ops;

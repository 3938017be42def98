/**
 * The semantic layer over a {@link dev.fbc.model.Catalog}: packages, their channels (each with its {@link
 * dev.fbc.graph.UpgradeGraph}) and bundles with typed properties and versions; the first definition of a name wins,
 * as in opm. Built once, immutable and thread-safe.
 */
package dev.fbc.semantic;

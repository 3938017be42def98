/**
 * Upgrade graphs: {@link dev.fbc.graph.UpgradeGraph} is the one place that computes heads, replaces chains,
 * stranded entries and upgrade paths of a channel, as OLM and opm do. Immutable and thread-safe.
 */
package dev.fbc.graph;

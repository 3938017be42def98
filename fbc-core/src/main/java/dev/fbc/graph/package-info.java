/**
 * Upgrade graphs: {@link dev.fbc.graph.UpgradeGraph} is the one place that computes heads, replaces chains,
 * stranded entries and upgrade paths of a channel, as OLM and opm do; {@link dev.fbc.graph.ChainRule} names the
 * rule sets (opm's, and oc-mirror v2's stricter one) and {@link dev.fbc.graph.RangeCut} is oc-mirror's cut of a
 * chain to a version range. Immutable and thread-safe.
 */
package dev.fbc.graph;

/**
 * Pictures of upgrade graphs: Mermaid text as {@code opm alpha render-graph} writes it, and SVG and DOT pictures.
 * Stateless and thread-safe.
 */
package dev.fbc.graph.render;

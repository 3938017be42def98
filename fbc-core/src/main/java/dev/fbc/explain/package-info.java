/**
 * Explanations of upgrade paths: why a bundle upgrades (or does not) to another in a channel, in words and as data.
 * Stateless and thread-safe.
 */
package dev.fbc.explain;

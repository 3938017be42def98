/**
 * Differences between two catalogs by package, channel and bundle, as data a reviewer reads. Stateless and thread-
 * safe; results are immutable.
 */
package dev.fbc.diff;

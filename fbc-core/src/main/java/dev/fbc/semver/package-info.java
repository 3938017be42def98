/**
 * Semantic versions, ranges (as blang/semver, which {@code skipRange} uses) and constraints (as Masterminds/semver,
 * which templates and dependencies use). Immutable and thread-safe.
 */
package dev.fbc.semver;

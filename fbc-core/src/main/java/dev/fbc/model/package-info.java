/**
 * The wire model: the blobs of a File-Based Catalog ({@code olm.package}, {@code olm.channel}, {@code olm.bundle},
 * {@code olm.deprecations}, unknown schemas) as immutable records that keep what opm writes, byte for byte where it
 * matters (an absent field stays absent). Accessors never return {@code null}. Immutable and thread-safe.
 */
package dev.fbc.model;

/**
 * The facade: {@link dev.fbc.Fbc} loads, renders, validates and writes catalogs in one call each. Nothing inside
 * the library calls it; each of its methods delegates to the packages below. Stateless and thread-safe.
 */
package dev.fbc;

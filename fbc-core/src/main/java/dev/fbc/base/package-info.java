/**
 * Leaf types every other package uses: problems and their sources, the exception type ({@link
 * dev.fbc.base.FbcException}, with a {@link dev.fbc.base.FbcException.Remedy} a front end words its own way), load
 * and write options and the output format. Depends on no other fbc package but {@code text}. Every type here is
 * immutable and thread-safe; builders are not.
 */
package dev.fbc.base;

/**
 * Text for people: escaping untrusted text for one terminal line ({@link dev.fbc.text.SafeText}), message building,
 * file names, "did you mean" suggestions. Stateless or immutable, and thread-safe.
 */
package dev.fbc.text;

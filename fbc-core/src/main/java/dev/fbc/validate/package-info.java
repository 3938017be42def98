/**
 * Validation with opm's verdict and messages: {@link dev.fbc.validate.CatalogValidator} reports every problem at
 * once, each with a stable rule id, place and hint; {@link dev.fbc.validate.ValidationReport} prints them.
 * Validators and results are immutable and thread-safe.
 */
package dev.fbc.validate;

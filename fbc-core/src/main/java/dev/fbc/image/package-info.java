/**
 * A registry client for catalog and bundle images: references, digests, credentials, TLS, limits and unpacking of
 * layers, plus OCI layout and docker-archive sources. Options and references are immutable and thread-safe; a
 * source pulls one image and is not meant to be shared between threads.
 */
package dev.fbc.image;

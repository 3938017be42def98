package dev.fbc.image;

import java.nio.file.Path;
import java.util.Map;

/**
 * An image unpacked on disk.
 *
 * @param rootfs the directory holding the image's files
 * @param labels the labels of its configuration
 * @param digest the digest of the manifest that was unpacked
 */
public record PulledImage(Path rootfs, Map<String, String> labels, String digest) {}

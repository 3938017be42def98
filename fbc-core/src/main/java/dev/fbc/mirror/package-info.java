/**
 * Mirroring a catalog for a disconnected cluster: {@link dev.fbc.mirror.MirrorPlan} lists every image the
 * catalog needs with its destination in a mirror registry (oc-mirror v2's naming, or {@code oc adm catalog
 * mirror}'s), and renders the files a cluster needs to use the mirror: {@code mapping.txt}, ImageDigestMirrorSet /
 * ImageTagMirrorSet, a legacy ImageContentSourcePolicy, CatalogSource and ClusterCatalog, and a CRI-O
 * {@code registries.conf} drop-in. The rules are in {@code docs/mirroring.md}.
 */
package dev.fbc.mirror;

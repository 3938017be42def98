import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites picocli's classes in the shaded jar as Java 8 class files with stack map frames. picocli ships Java 5
 * class files: JDK 17's class-data sharing archive skips them (so every start reads and verifies about 180 of them
 * from the jar, the slow way), while Java 8 class files are archived like the rest; `fbc --help` then starts about
 * 80 ms sooner. Only the class file format changes (the version, and frames computed by ASM); the bytecode is the
 * same. Every rewritten class is then loaded and linked in a fresh class loader, where the JVM checks the new frames
 * with no fallback, so frames ASM got wrong fail the build, not a run.
 *
 * <p>usage: {@code java -cp ASM_JAR PicocliClassFiles.java JAR}; the jar is replaced atomically, entries in their
 * order with their dates.
 */
public final class PicocliClassFiles {
  private static final String PREFIX = "picocli/";
  private static final int JAVA_6 = 50;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
    try {
      check(tmp, rewrite(jar, tmp));
    } catch (Exception | Error e) {
      Files.deleteIfExists(tmp); // nothing half-written is left beside the jar
      throw e;
    }
    // silent on success, as a quiet build is (the first run of ./fbc builds with -q)
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes the jar with picocli's old class files rewritten to {@code tmp}; returns the classes rewritten. */
  private static List<String> rewrite(Path jar, Path tmp) throws IOException {
    List<String> rewritten = new ArrayList<>();
    try (URLClassLoader original = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
        ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().startsWith(PREFIX) && e.getName().endsWith(".class") && majorVersion(bytes) < JAVA_6) {
          bytes = withFrames(bytes, original);
          rewritten.add(e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.'));
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    return rewritten;
  }

  private static int majorVersion(byte[] classFile) {
    return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
  }

  /** The class at version 52 with frames computed from the code (common super classes found through {@code cl}). */
  private static byte[] withFrames(byte[] classFile, ClassLoader cl) {
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return cl;
      }
    };
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, w) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return w.toByteArray();
  }

  /** Loads, links and so verifies every rewritten class from the new jar; a bad frame throws a VerifyError. */
  private static void check(Path jar, List<String> classes) throws IOException {
    try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      for (String name : classes) {
        try {
          Class.forName(name, true, cl); // initialization links, and linking verifies
        } catch (ClassNotFoundException | LinkageError e) {
          if (e instanceof VerifyError || e instanceof ClassFormatError || e instanceof ClassNotFoundException) {
            throw new IllegalStateException("rewritten " + name + " does not load: " + e, e);
          }
          // other failures of a static initializer outside the CLI (none expected) say nothing about the frames
        }
      }
    }
  }
}

import CMimalloc
import Foundation

/// The memory allocator of `site`: mimalloc (Debian: libmimalloc-dev). Linked into the executable,
/// it serves every malloc and free of the process in place of glibc's: a build allocates and frees
/// small objects by the million on every core, and glibc's malloc took a tenth of a clean build's
/// CPU (docs/performance.md, the mimalloc row of the night of 2026-12-07).
enum Allocator {
    /// `mimalloc 2.0.9` when mimalloc serves `malloc` (a block from `malloc` is in its heap), else
    /// what went wrong: `--verbose` prints it, and a test expects mimalloc.
    static var description: String {
        let version = Int(mi_version())
        let name = "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
        let block = malloc(16)
        defer { free(block) }
        return mi_is_in_heap_region(block) ? name : "glibc malloc (\(name) is linked but does not serve malloc)"
    }
}

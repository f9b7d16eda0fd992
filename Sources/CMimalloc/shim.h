// mimalloc from the system: Debian's libmimalloc-dev (2.0). See Package.swift.
#include <mimalloc.h>

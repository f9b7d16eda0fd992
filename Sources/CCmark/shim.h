// libcmark from the system: Debian's libcmark-dev (0.30). See Package.swift.
#include <cmark.h>

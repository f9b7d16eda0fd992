// zlib from the system: Debian's zlib1g-dev. See Package.swift. Only SiteOutput imports it (gzip).
#include <zlib.h>

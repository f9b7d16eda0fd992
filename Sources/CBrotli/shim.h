// Brotli from the system: Debian's libbrotli-dev. See Package.swift. SiteOutput encodes with it
// (.br files); the decoder is there for the tests.
#include <brotli/encode.h>
#include <brotli/decode.h>

// zlib (Debian zlib1g-dev): raw deflate and CRC-32 for the workbook's zip
// container (ZlibBridge).
#include <zlib.h>

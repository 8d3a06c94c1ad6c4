#ifndef CORTEX_ZLIB_SHIM_H
#define CORTEX_ZLIB_SHIM_H
#include <zlib.h>
#endif

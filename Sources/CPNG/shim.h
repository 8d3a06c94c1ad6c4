#ifndef CORTEX_PNG_SHIM_H
#define CORTEX_PNG_SHIM_H
#include <png.h>
#endif

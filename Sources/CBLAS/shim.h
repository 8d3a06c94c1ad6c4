#ifndef CORTEX_CBLAS_SHIM_H
#define CORTEX_CBLAS_SHIM_H
#include <cblas.h>
#endif

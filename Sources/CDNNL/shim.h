#ifndef CORTEX_CDNNL_SHIM_H
#define CORTEX_CDNNL_SHIM_H
#include <oneapi/dnnl/dnnl.h>
#endif

#ifndef CORTEX_CDNNL_SHIM_H
#define CORTEX_CDNNL_SHIM_H
#include <oneapi/dnnl/dnnl.h>

/* oneDNN runs its kernels on the OpenMP runtime it was built with (GNU libgomp on Debian);
   the thread count of the calling thread is OpenMP's, so it is set through OpenMP's API. */
void omp_set_num_threads(int count);
int omp_get_max_threads(void);
#endif

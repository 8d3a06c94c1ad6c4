#ifndef CORTEX_CDNNL_SHIM_H
#define CORTEX_CDNNL_SHIM_H
#include <dlfcn.h>
#include <oneapi/dnnl/dnnl.h>

/* oneDNN and the OpenMP runtime it was built with (GNU libgomp on Debian) are loaded when Cortex
   first needs them (OneDNN.swift), not when the program starts: libgomp reads its settings
   from the environment once, as it loads, and Cortex sets one of them first. So nothing here is
   linked; the functions are called through the pointers the loader looked up. */
typedef dnnl_status_t (*cortex_sgemm_function)(char transa, char transb, dnnl_dim_t m, dnnl_dim_t n, dnnl_dim_t k,
                                               float alpha, const float *a, dnnl_dim_t lda, const float *b,
                                               dnnl_dim_t ldb, float beta, float *c, dnnl_dim_t ldc);
typedef void (*cortex_parallel_function)(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);

/* Cortex's own parallel loops run on the same OpenMP threads as oneDNN's products. Those threads
   spin for a while after each region; a second pool of threads woken meanwhile would fight them
   for the cores, while the next region on the same pool starts at once. */
typedef void (*cortex_chunk_body)(void *context, long chunk);

struct cortex_chunk_loop {
    cortex_chunk_body body;
    void *context;
    long chunks;
    long next;
};

/* Each thread takes the next unclaimed chunk until none is left. */
static void cortex_chunk_worker(void *data) {
    struct cortex_chunk_loop *loop = (struct cortex_chunk_loop *)data;
    long chunk;
    while ((chunk = __atomic_fetch_add(&loop->next, 1, __ATOMIC_RELAXED)) < loop->chunks) {
        loop->body(loop->context, chunk);
    }
}

/* Calls body(context, chunk) for every chunk in 0..<chunks on up to `threads` threads of
   `parallel` (libgomp's GOMP_parallel); inside another parallel region (a nested loop,
   `nested` true) on the calling thread alone. */
static inline void cortex_parallel_chunks(cortex_parallel_function parallel, _Bool nested, long chunks, int threads,
                                          void *context, cortex_chunk_body body) {
    struct cortex_chunk_loop loop = { body, context, chunks, 0 };
    if (threads <= 1 || chunks <= 1 || nested) {
        cortex_chunk_worker(&loop);
        return;
    }
    parallel(cortex_chunk_worker, &loop, (unsigned)(threads < chunks ? threads : chunks), 0);
}
#endif

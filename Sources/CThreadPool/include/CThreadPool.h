#ifndef CORTEX_CTHREADPOOL_H
#define CORTEX_CTHREADPOOL_H

/// The work of one part: `context` is the caller's, `part` in 0..<parts.
typedef void (*cortex_part_body)(void *context, long part);

/// Runs `body` for every part in 0..<parts on up to `threads` threads of the OpenMP runtime's
/// pool (the pool oneDNN's products run on), returning when all are done. Threads take the next
/// unstarted part as they finish one. Inside another such call it runs on the calling thread.
void cortex_run_parts(long parts, long threads, cortex_part_body body, void *context);

/// The OpenMP thread count of the calling thread, and setting it.
int cortex_pool_threads(void);
void cortex_set_pool_threads(int threads);

#endif

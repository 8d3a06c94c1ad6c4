#include "CThreadPool.h"

#include <stdatomic.h>

/* libgomp's entry points (the GNU OpenMP runtime's ABI, which GCC's `#pragma omp parallel`
   compiles to), and the standard OpenMP calls. Cortex's kernels share this pool with oneDNN:
   two pools on the same cores would leave one's threads spinning while the other's work waits. */
extern void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);
extern int omp_get_max_threads(void);
extern int omp_in_parallel(void);
extern void omp_set_num_threads(int count);

struct job {
    cortex_part_body body;
    void *context;
    long parts;
    atomic_long next;
};

static void run_job(void *data) {
    struct job *job = data;
    for (long part = atomic_fetch_add(&job->next, 1); part < job->parts; part = atomic_fetch_add(&job->next, 1)) {
        job->body(job->context, part);
    }
}

void cortex_run_parts(long parts, long threads, cortex_part_body body, void *context) {
    if (parts <= 0) return;
    struct job job = { body, context, parts, 0 };
    if (parts == 1 || threads <= 1 || omp_in_parallel()) {
        run_job(&job);
        return;
    }
    GOMP_parallel(run_job, &job, (unsigned)(threads < parts ? threads : parts), 0);
}

int cortex_pool_threads(void) { return omp_get_max_threads(); }

void cortex_set_pool_threads(int threads) { omp_set_num_threads(threads); }

#ifndef CORTEX_CKERNELS_WINDOW_H
#define CORTEX_CKERNELS_WINDOW_H

#include "CPUFeatures.h"

/* The taps `first..<end` of a sliding window starting at `start` (negative inside the leading
   padding) whose cells, `dilation` apart, land inside 0..<extent (WindowAxis.taps in Swift). */
ALWAYS_INLINE void tap_range(long start, long kernel, long dilation, long extent, long *first, long *end) {
    long low = start >= 0 ? 0 : (dilation - 1 - start) / dilation;
    long high = (extent - start + dilation - 1) / dilation;
    *first = low;
    *end = high < kernel ? high : kernel;
    if (*end < low) *end = low;
}

#endif

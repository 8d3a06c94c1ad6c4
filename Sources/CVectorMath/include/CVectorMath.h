#ifndef CORTEX_CVECTORMATH_H
#define CORTEX_CVECTORMATH_H

/// y[i] = f(x[i]) for i in 0..<n; y may be x. See VectorMath.swift for the method and accuracy.
void cortex_exp(const float *x, float *y, long n);
void cortex_tanh(const float *x, float *y, long n);
void cortex_sigmoid(const float *x, float *y, long n);

#endif

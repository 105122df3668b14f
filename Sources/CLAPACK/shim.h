// LAPACK and BLAS (Debian liblapack-dev, libblas-dev; the reference Fortran
// libraries, or OpenBLAS through Debian's alternatives): the few routines the
// count models need (LAPACKBridge). Debian ships no C header for the Fortran
// interface of liblapack-dev, so the prototypes are declared here as
// gfortran compiles them: every argument by reference, and one hidden length
// (size_t) per character argument, after the others (LAPACK 3.11 and gfortran 12
// of Debian 12; omitting the lengths is undefined behaviour with GCC >= 9).
#include <stddef.h>

// Cholesky factorisation of a symmetric positive definite matrix; info > 0: the
// leading minor of that order is not positive definite.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
// Inverse from the Cholesky factor (dpotrf); info > 0: singular.
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
// Eigenvalues (ascending) and optionally eigenvectors of a symmetric matrix;
// info > 0: the QR algorithm did not converge.
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
            double *work, const int *lwork, int *info, size_t jobz_len, size_t uplo_len);
// C = alpha A'A + beta C (trans = 'T', A k x n column-major) on one triangle.
void dsyrk_(const char *uplo, const char *trans, const int *n, const int *k, const double *alpha,
            const double *a, const int *lda, const double *beta, double *c, const int *ldc,
            size_t uplo_len, size_t trans_len);

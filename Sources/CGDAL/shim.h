// The parts of GDAL's C API that wijkstat uses: raster/vector datasets (gdal.h),
// OGR features and geometries (ogr_api.h), spatial references (ogr_srs_api.h)
// polygon rasterising (gdal_alg.h) and the error/config functions of the portability layer (cpl_error.h, cpl_conv.h).
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_alg.h>

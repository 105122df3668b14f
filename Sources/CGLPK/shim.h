// GLPK (GNU Linear Programming Kit, Debian libglpk-dev): the LP and MIP solver
// behind disclosure control's protection intervals (GLPKBridge).
#include <glpk.h>

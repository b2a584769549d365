/* Models include/linux/scatterlist.h (scatterlists are not available to modules yet). */
struct scatterlist;

// Dose-volume histogram counts over the voxels of one structure (twinsim gpu module).
//
// Exact rule (identical to org.twinsim.gpu.ops.CpuVolumeKernels.dvh; integer counts, so the two
// backends agree exactly):
//   - a voxel counts when inStructure[labels[v]] != 0 (a 256-entry table: the structure's label and
//     its descendants' labels, see LabelMap.labelsWithin) and its dose is not NaN;
//   - its bin is b = (int) (dose / binWidthGy) computed in single precision (IEEE division), with
//     dose / binWidthGy < 0 -> bin 0 and >= nBins -> bin nBins - 1 (the last bin collects the
//     overflow). Bin b holds doses in [b*w, (b+1)*w).
// counts must hold nBins zeros before the launch. Each block builds its histogram in shared memory
// (nBins * 4 bytes, dynamic) with shared-memory atomics, then adds it to the global counts.

extern "C" __global__ void dvh_histogram(const float* __restrict__ dose, const unsigned char* __restrict__ labels,
                                         const unsigned char* __restrict__ inStructure, long long n,
                                         float binWidthGy, int nBins, unsigned int* __restrict__ counts)
{
    extern __shared__ unsigned int hist[];
    __shared__ unsigned char lut[256];
    for (int b = threadIdx.x; b < nBins; b += blockDim.x) {
        hist[b] = 0u;
    }
    for (int l = threadIdx.x; l < 256; l += blockDim.x) {
        lut[l] = inStructure[l];
    }
    __syncthreads();
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long v = (long long) blockIdx.x * blockDim.x + threadIdx.x; v < n; v += stride) {
        if (!lut[labels[v]]) {
            continue;
        }
        const float d = dose[v];
        if (isnan(d)) {
            continue;
        }
        const float q = __fdiv_rn(d, binWidthGy);
        const int b = q < 0.0f ? 0 : (q >= (float) nBins ? nBins - 1 : (int) q);
        atomicAdd(&hist[b], 1u);
    }
    __syncthreads();
    for (int b = threadIdx.x; b < nBins; b += blockDim.x) {
        const unsigned int c = hist[b];
        if (c != 0u) {
            atomicAdd(&counts[b], c);
        }
    }
}
